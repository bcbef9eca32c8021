"""What each optimization buys: the corpus run at O3 with one pass switched off at a time, and the
cumulative study of Mats Linander's "brainfuck optimization strategies" (no pass, then each O3
pass added in turn), for every engine. Each configuration is one `bfbench` benchmark run with
`--disable-pass` / `--only-passes` (the run-time pass switch); with --callgrind, also the
instruction counts of one run under callgrind (the gate's measurement, scripts/bfreport/gate.py).

Writes to -o DIR: ablation.json (every number), ablation.md (pass x program tables per engine:
time without the pass / time with all passes; and the cumulative speed-ups over no pass),
ablation.png and cumulative.png (the same as charts).
"""
import json
import math
import subprocess
import tempfile
from pathlib import Path
from typing import Dict, List, Optional

from . import charts, children, cli, gate, results, workload

# Mats Linander's six programs (github.com/matslina/bfoptimization), in his order.
LINANDER_PROGRAMS = ["awib-0.4", "dbfi", "factor", "hanoi", "long", "mandelbrot"]
LEVEL = "O3"
RUN_TIMEOUT_SECONDS = 3600  # one configuration: every engine x program


def o3_passes(bfbench: Path) -> List[str]:
    """The O3 pipeline's passes, in order, as `bfbench ir --passes` lists them."""
    listing = subprocess.run([str(bfbench), "ir", "--passes"], capture_output=True, text=True)
    for line in listing.stdout.splitlines():
        if line.startswith(f"{LEVEL}:"):
            return line.split()[1:]
    raise cli.Failure(cli.EXIT_SOFTWARE, f"{bfbench} ir --passes lists no {LEVEL} pipeline")


def configurations(passes: List[str]) -> Dict[str, List[str]]:
    """Label -> the pass options that make it. "all" is O3 as built; "-P" lacks pass P; "none"
    runs no pass and "+P" runs the passes up to and including P (the cumulative study, whose
    last step is "all" again and is not run twice)."""
    configs = {"all": []}
    for name in passes:
        configs[f"-{name}"] = [f"--disable-pass={name}"]
    configs["none"] = ["--only-passes="]
    for i, name in enumerate(passes[:-1]):
        configs[f"+{name}"] = [f"--only-passes={','.join(passes[:i + 1])}"]
    return configs


def cumulative_labels(passes: List[str]) -> List[str]:
    return ["none"] + [f"+{name}" for name in passes[:-1]] + ["all"]


def wall_times(bfbench: Path, options: List[str], engines: List[str], programs: List[str],
               corpus: Optional[Path], quick: bool, scratch: Path, label: str):
    """One benchmark run of every engine x program at O3: {engine: {program: seconds}} and
    {engine: {program: ops after optimization}}."""
    out = scratch / f"{label}.json"
    command = [str(bfbench), *options, f"--engine={','.join(engines)}",
               f"--program={','.join(programs)}", f"--level={LEVEL}", "--format=json",
               f"--out={out}", "--benchmark_filter=^run/"]
    if corpus is not None:
        command.append(f"--corpus={corpus}")
    if quick:
        command.append("--quick")
    try:
        done = children.run(command, timeout=RUN_TIMEOUT_SECONDS)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise cli.Failure(cli.EXIT_SOFTWARE, f"{label}: cannot run bfbench: {error}")
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
        raise cli.Failure(cli.EXIT_SOFTWARE, f"{label}: bfbench failed: {last}")
    res = results.load(out)
    times, ops = {}, {}
    for engine in engines:
        for program in programs:
            bench = res.get("run", engine, program, LEVEL)
            if bench is None or not bench.ok:
                raise cli.Failure(cli.EXIT_SOFTWARE, f"{label}: no run/{engine}/{program}/{LEVEL}"
                                  f" ({bench.error if bench else 'missing'})")
            times.setdefault(engine, {})[program] = bench.median
            ops.setdefault(engine, {})[program] = bench.counters.get("ops")
    return times, ops


def instruction_counts(bfbench: Path, options: List[str], engines: List[str],
                       programs: List[str], corpus: Path, scratch: Path) -> Dict[str, dict]:
    """{engine: {program: instructions of one run}} under callgrind, as the gate measures."""
    counts = {}
    for engine in engines:
        for program in programs:
            job = workload.Job(engine, program, LEVEL, True)
            rows = gate.measure(bfbench, job, scratch, corpus, extra_args=options)
            counts.setdefault(engine, {})[program] = rows[f"run/{job.label}"]["instructions"]
    return counts


def geomean(values: List[float]) -> float:
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else float("nan")


def slowdowns(data: dict, metric: str) -> Dict[str, Dict[str, Dict[str, float]]]:
    """{engine: {pass: {program: metric without the pass / metric with all}}}."""
    table = {}
    for engine in data["engines"]:
        base = data["configs"]["all"][metric][engine]
        table[engine] = {name: {p: data["configs"][f"-{name}"][metric][engine][p] / base[p]
                                for p in data["programs"]} for name in data["passes"]}
    return table


def speedups(data: dict, metric: str) -> Dict[str, Dict[str, Dict[str, float]]]:
    """{engine: {cumulative label: {program: metric with no pass / metric at this step}}}."""
    table = {}
    for engine in data["engines"]:
        none = data["configs"]["none"][metric][engine]
        table[engine] = {label: {p: none[p] / data["configs"][label][metric][engine][p]
                                 for p in data["programs"]}
                         for label in cumulative_labels(data["passes"])}
    return table


def markdown(data: dict) -> str:
    programs = data["programs"]
    head = "| | " + " | ".join(programs) + " | geomean |\n|---|" + "---:|" * (len(programs) + 1)
    lines = [f"# What each optimization buys ({LEVEL})", "",
             "Each cell: run time with the pass disabled / run time with every pass (2.00x: the "
             "pass halves the time; 1.00x: it buys nothing). Wall time, median of the "
             "benchmark's repetitions, one `bfbench` run per configuration.", ""]
    metrics = [("time", "wall time")]
    if data.get("callgrind"):
        metrics.append(("instructions", "callgrind instructions"))
    for metric, what in metrics:
        for engine, rows in slowdowns(data, metric).items():
            lines += [f"## {engine}: without each pass ({what})", "", head]
            for name, cells in rows.items():
                values = [cells[p] for p in programs]
                lines.append(f"| {name} | " + " | ".join(f"{v:.2f}x" for v in values) +
                             f" | {geomean(values):.2f}x |")
            lines.append("")
        for engine, rows in speedups(data, metric).items():
            lines += [f"## {engine}: passes added in turn ({what}, speed-up over no pass)", "",
                      head]
            for label, cells in rows.items():
                values = [cells[p] for p in programs]
                lines.append(f"| {label} | " + " | ".join(f"{v:.2f}x" for v in values) +
                             f" | {geomean(values):.2f}x |")
            lines.append("")
    return "\n".join(lines)


def _grid(count: int):
    columns = min(3, count)
    return (count + columns - 1) // columns, columns


def ablation_chart(data: dict, out_dir: Path) -> None:
    """Per engine, a pass x program heat map of the slowdown without each pass."""
    from matplotlib.colors import LogNorm
    table = slowdowns(data, "time")
    rows, columns = _grid(len(table))
    height = (0.35 * len(data["passes"]) + 1.5) * rows
    figure, axes = charts.plt.subplots(rows, columns, squeeze=False,
                                       figsize=(4.2 * columns, height))
    values = [v for engine in table.values() for cells in engine.values() for v in cells.values()]
    norm = LogNorm(vmin=min(min(values), 0.9), vmax=max(max(values), 1.1))
    for axis, (engine, passes) in zip(axes.flat, table.items()):
        matrix = [[passes[name][p] for p in data["programs"]] for name in data["passes"]]
        axis.imshow(matrix, cmap="RdYlGn_r", norm=norm, aspect="auto")
        axis.set_title(f"{engine}: time without the pass / with all")
        axis.set_yticks(range(len(data["passes"])), data["passes"])
        axis.set_xticks(range(len(data["programs"])), data["programs"], rotation=45, ha="right")
        for y, row in enumerate(matrix):
            for x, value in enumerate(row):
                axis.text(x, y, f"{value:.2f}", ha="center", va="center", fontsize=7)
    for axis in list(axes.flat)[len(table):]:
        axis.set_visible(False)
    charts._save(figure, out_dir, "ablation")


def cumulative_chart(data: dict, out_dir: Path) -> None:
    """Per engine, the speed-up over no pass as the O3 passes are added in turn (Linander's
    chart), one line per program, on a log axis."""
    table = speedups(data, "time")
    labels = cumulative_labels(data["passes"])
    rows, columns = _grid(len(table))
    figure, axes = charts.plt.subplots(rows, columns, squeeze=False,
                                       figsize=(4.6 * columns, 3.4 * rows))
    colors = charts.plt.get_cmap("tab10")
    for axis, (engine, steps) in zip(axes.flat, table.items()):
        for i, program in enumerate(data["programs"]):
            axis.plot(range(len(labels)), [steps[label][program] for label in labels],
                      marker="o", markersize=3, color=colors(i % 10), label=program)
        axis.set_yscale("log")
        axis.set_title(f"{engine}: speed-up over no pass")
        ticks = labels[:-1] + [f"+{data['passes'][-1]} (all)"]
        axis.set_xticks(range(len(labels)), ticks, rotation=45, ha="right")
        axis.grid(True, which="both", alpha=0.3)
    axes.flat[0].legend(fontsize=7)
    for axis in list(axes.flat)[len(table):]:
        axis.set_visible(False)
    charts._save(figure, out_dir, "cumulative")


def _parser():
    parser = cli.ArgumentParser(
        prog="ablate", description="Run the corpus at O3 with each optimization pass switched "
        "off, and with the passes added in turn (Linander's study), on every engine.")
    parser.add_argument("--bfbench", default=str(gate.ROOT / "build" / "cli" / "bfbench"),
                        help="the bfbench to run (default: build/cli/bfbench)")
    parser.add_argument("--engines", help="engines, comma-separated (default: every available)")
    parser.add_argument("--programs", default=",".join(LINANDER_PROGRAMS),
                        help="corpus programs, comma-separated (default: Linander's six)")
    parser.add_argument("--corpus", help="corpus folder with manifest.tsv (default: bfbench's)")
    parser.add_argument("--quick", action="store_true",
                        help="one run per benchmark (a smoke test: times are noisy)")
    parser.add_argument("--callgrind", action="store_true",
                        help="also count instructions of one run per benchmark under callgrind")
    parser.add_argument("-o", "--out", required=True, help="folder for the tables and charts")
    return parser


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    bfbench = Path(args.bfbench)
    if not bfbench.is_file():
        raise cli.Failure(cli.EXIT_CANNOT_READ, f"{bfbench}: no such bfbench (build it first)")
    engines = args.engines.split(",") if args.engines else gate.available_engines(bfbench)
    programs = args.programs.split(",")
    passes = o3_passes(bfbench)
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    corpus = Path(args.corpus).resolve() if args.corpus else None
    data = {"level": LEVEL, "engines": engines, "programs": programs, "passes": passes,
            "callgrind": args.callgrind, "configs": {}}
    with tempfile.TemporaryDirectory() as scratch:
        for label, options in configurations(passes).items():
            times, ops = wall_times(bfbench, options, engines, programs, corpus, args.quick,
                                    Path(scratch), label)
            config = {"options": options, "time": times, "ops": ops}
            if args.callgrind:
                config["instructions"] = instruction_counts(
                    bfbench, options, engines, programs, corpus or gate.ROOT / "corpus",
                    Path(scratch))
            data["configs"][label] = config
            print(f"ablate: {label}: done", flush=True)
    (out_dir / "ablation.json").write_text(json.dumps(data, indent=1) + "\n")
    (out_dir / "ablation.md").write_text(markdown(data) + "\n")
    ablation_chart(data, out_dir)
    cumulative_chart(data, out_dir)
    print(f"ablate: wrote {out_dir}/ablation.md, ablation.json, ablation.png, cumulative.png")
    return cli.EXIT_OK
