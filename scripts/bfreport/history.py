"""scripts/history: trend lines over a series of result files (one per commit, oldest first):
one panel per program, one line per engine (and level), for wall times or gate instruction
counts."""
import html
import math
from pathlib import Path
from typing import List

from . import charts, cli, names, results
from .charts import plt


def _label(res: results.Results) -> str:
    commit = str(res.context.get("git_commit", "") or "")
    return commit[:8] if commit and commit != "unknown" else Path(res.path).stem


def draw(series: List[results.Results], phase: str, level_choice: str, out_dir: Path,
         name: str = "history") -> str:
    kind = series[0].kind
    programs, engines, levels = {}, {}, {}
    for res in series:
        for bench in res.benchmarks.values():
            if bench.name.phase == phase and bench.name.engine:
                programs.setdefault(bench.name.program, None)
                engines.setdefault(bench.name.engine, None)
                levels.setdefault(bench.name.level, None)
    levels = sorted(levels, key=names.level_key)
    if level_choice != "all":
        levels = [level_choice] if level_choice in levels else []
    if not programs or not levels:
        raise cli.Failure(cli.EXIT_DATA, f"no {phase} benchmarks"
                                         f"{'' if level_choice == 'all' else ' at ' + level_choice}"
                                         f" in these files")
    columns = min(3, len(programs))
    rows = math.ceil(len(programs) / columns)
    figure, axes = plt.subplots(rows, columns, figsize=(4.6 * columns, 3.3 * rows), squeeze=False)
    labels = [_label(res) for res in series]
    if len(set(labels)) < len(labels):  # the same commit measured twice: keep them apart
        labels = [f"{i + 1}:{label}" for i, label in enumerate(labels)]
    styles = ["-", "--", ":", "-."]
    palette = plt.get_cmap("tab10")
    for index, program in enumerate(programs):
        axis = axes[index // columns][index % columns]
        for e, engine in enumerate(engines):
            for l, level in enumerate(levels):
                xs, ys = [], []
                for x, res in enumerate(series):
                    bench = res.get(phase, engine, program, level)
                    if bench is not None and bench.ok:
                        xs.append(x)
                        ys.append(bench.median)
                if xs:
                    axis.plot(xs, ys, styles[l % len(styles)], marker="o", markersize=3,
                              color=palette(e % 10),
                              label=engine if len(levels) == 1 else f"{engine} {level}")
        axis.set_title(program)
        axis.set_xticks(range(len(series)))
        axis.set_xticklabels(labels, rotation=45, ha="right", fontsize=7)
        if kind == "instructions":
            axis.set_yscale("log")
            axis.set_ylabel("instructions (log)")
        else:
            charts.seconds_axis(axis)
            axis.set_ylabel("median time (log)")
        axis.grid(alpha=0.3, which="both")
        axis.legend(fontsize=7)
    for index in range(len(programs), rows * columns):
        axes[index // columns][index % columns].axis("off")
    figure.suptitle(f"{phase} phase, {'all levels' if level_choice == 'all' else level_choice}: "
                    f"{len(series)} result files, oldest first")
    return charts._save(figure, out_dir, name)


def main(argv=None) -> int:
    parser = cli.ArgumentParser(
        prog="history",
        description="Chart a series of bfbench result files (one per commit, given oldest first) "
                    "as trend lines per engine and program. Reads Google Benchmark JSON (times) "
                    "or the gate's instruction counts (reports/gate/instructions.json).")
    parser.add_argument("files", nargs="+", help="result files, oldest first")
    parser.add_argument("-o", "--out", required=True, help="output folder")
    parser.add_argument("--phase", default="run", choices=["run", "compile"],
                        help="which phase to chart (default run)")
    parser.add_argument("--level", default="O3", help="level to chart, or 'all' (default O3)")
    parser.add_argument("--time", choices=["real", "cpu"], default="real",
                        help="which Google Benchmark time (default real)")
    args = parser.parse_args(argv)
    series = [results.load(path, f"{args.time}_time") for path in args.files]
    kinds = {res.kind for res in series}
    if len(kinds) > 1:
        raise cli.Failure(cli.EXIT_DATA, "the files mix wall times and instruction counts")
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    svg = draw(series, args.phase, args.level, out_dir)
    listing = "".join(f"<li>{html.escape(_label(res))}: {html.escape(res.path)}</li>"
                      for res in series)
    (out_dir / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>bfbench history'
        f'</title></head><body><h1>bfbench history</h1>{svg}<ul>{listing}</ul></body></html>\n')
    print(out_dir / "index.html")
    return cli.EXIT_OK
