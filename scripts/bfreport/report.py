"""scripts/report: turns a bfbench results file (and optionally a baseline) into a report folder:
index.html (self-contained and interactive offline: charts inline, its own small script, no
network), report.md, and every chart as PNG + SVG. The sections answer three labelled questions
(run time, compile time, compile + run once), each a ranking with 95% intervals and ties."""
import datetime
import json
import os
import re
import shutil
from pathlib import Path
from typing import List, Optional

from . import analysis, charts, cli, compare, page, provenance, results, units
from .intervals import Estimate
from .page import Section
from .tables import Table


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _interval(estimate: Optional[Estimate], fmt) -> str:
    """"2.51 ms [2.49 ms, 2.53 ms]"; the value alone when it has no interval."""
    if estimate is None:
        return "n/a"
    if not estimate.has_interval:
        return fmt(estimate.value)  # the n column says why
    return f"{fmt(estimate.value)} [{fmt(estimate.low)}, {fmt(estimate.high)}]"


def _n(estimate: Estimate) -> str:
    return f"{estimate.n} ({estimate.missing})" if estimate.missing else str(estimate.n)


def _code_bytes(res: results.Results, engine: str, program: str, level: str) -> str:
    for phase in ("compile", "run"):
        bench = res.get(phase, engine, program, level)
        if bench is not None and bench.counters.get("code_bytes"):
            return units.size(bench.counters["code_bytes"])
    return "-"


_CODE = "code"  # the CSS class of command columns


def _run_table(res: results.Results, entries: List[analysis.Entry]) -> Table:
    table = Table(["rank", "engine", "level", "run time: mean [95% CI]", "n",
                   f"speed-up over {analysis.REFERENCE_ENGINE} {analysis.REFERENCE_LEVEL} "
                   f"[95% CI]", "ops", "reproduce"],
                  right=[True, False, False, True, True, True, True, False],
                  classes=[""] * 7 + [_CODE])
    for entry in entries:
        ops = entry.bench.counters.get("ops")
        table.add(entry.rank_label, entry.engine, entry.level,
                  _interval(entry.estimate, units.seconds), _n(entry.estimate),
                  _interval(entry.speedup, units.times), f"{ops:.0f}" if ops is not None else "-",
                  provenance.reproduce_command(res, entry.bench))
    return table


def _compile_table(res: results.Results, program: str, entries: List[analysis.Entry]) -> Table:
    table = Table(["rank", "engine", "level", "compile time: mean [95% CI]", "n", "code size",
                   "reproduce"], right=[True, False, False, True, True, True, False],
                  classes=[""] * 6 + [_CODE])
    for entry in entries:
        table.add(entry.rank_label, entry.engine, entry.level,
                  _interval(entry.estimate, units.seconds), _n(entry.estimate),
                  _code_bytes(res, entry.engine, program, entry.level),
                  provenance.reproduce_command(res, entry.bench))
    return table


def _one_execution_table(entries: List[analysis.Entry]) -> Table:
    table = Table(["rank", "engine", "level", "compile + run: [95% CI]", "n", "compile",
                   "run", "compile pays off"], right=[True, False, False, True, True, True, True,
                                                      False])
    for entry in entries:
        compile_bench, run = entry.benches
        table.add(entry.rank_label, entry.engine, entry.level,
                  _interval(entry.estimate, units.seconds), _n(entry.estimate),
                  units.seconds(compile_bench.mean), units.seconds(run.mean), entry.break_even)
    return table


def _ranking_table(entries: List[analysis.Entry]) -> Table:
    table = Table(["rank", "engine", "level", "speed-up: geomean [95% CI]", "n (smallest)",
                   "programs"], right=[True, False, False, True, True, True])
    for entry in entries:
        table.add(entry.rank_label, entry.engine, entry.level,
                  _interval(entry.estimate, units.times), _n(entry.estimate), entry.programs)
    return table


def _samples_table(res: results.Results, program: str) -> Table:
    table = Table(["benchmark", "n", "samples (one per repetition, in order)", "reproduce"],
                  right=[False, True, False, False], classes=["", "", "", _CODE])
    for bench in res.benchmarks.values():
        if bench.name.program == program and bench.ok:
            table.add(bench.name.full, len(bench.samples),
                      ", ".join(units.seconds(s) for s in bench.samples),
                      provenance.reproduce_command(res, bench))
    return table


def _programs_table(res: results.Results) -> Table:
    table = Table(["program", "what it is", "what it stresses", "category", "provenance"])
    for note in provenance.program_notes(res):
        table.add(note.name, note.what, note.stresses, note.category, note.provenance)
    return table


def _context_table(context: dict) -> Table:
    table = Table(["key", "value"])
    for key, value in provenance.machine_rows(context):
        if isinstance(value, (list, dict)):
            value = json.dumps(value, separators=(", ", ": "))
        table.add(key, value)
    return table


_STATISTICS = (
    "Each time is the mean of the benchmark's repetitions; [a, b] is its 95% confidence interval "
    "(percentile bootstrap, scipy, 4999 resamples, fixed seed). Speed-ups are mean(reference) / "
    "mean(this), compile + run is the sum of the two means, each interval bootstrapped the same "
    "way. n is the number of repetitions (the smaller of the sets involved); with n < 3 there is "
    "no interval and the row ranks by its mean alone; with n of 3-5 the interval is narrower than "
    "the truth. A rank is 1 + the number of rows better beyond doubt (whole interval better): "
    "rows whose intervals overlap share a rank, marked =N.")

_BREAK_EVEN = (
    "Break-even: the baseline is the engine/level without generated code (no code_bytes) with the "
    "lowest compile + run for one execution of this program. A row pays off after n executions "
    "of one compiled program when c + n·r ≤ c_b + n·r_b, i.e. n = ⌈(c − c_b) / (r_b − r)⌉, from "
    "the means of compile (c) and run (r); 'never' when it runs no faster than the baseline.")


def _summary(res: results.Results, out_dir: Path) -> Section:
    section = Section("Summary", "summary", out_dir)
    section.link("Results file (Google Benchmark JSON)", _json_link(res.path, out_dir))
    section.text(f"Results: {res.path} ({len(res.benchmarks)} benchmarks; engines: "
                 f"{', '.join(res.engines()) or 'none'}; programs: "
                 f"{', '.join(res.programs()) or 'none'}; levels: "
                 f"{', '.join(l for l in res.levels() if l) or 'none'}).")
    section.items(analysis.warnings(res))
    questions = [(q, text) for q, text in analysis.QUESTIONS.items()
                 if q != analysis.PROCESS_TIME or res.programs("process")]
    section.text(f"The report answers {len(questions)} questions, each with its own ranking: "
                 + " ".join(f"({i}) {q}: {text}" for i, (q, text) in enumerate(questions, 1)))
    section.text(_STATISTICS)
    ranked = analysis.ranking(res)
    if ranked:
        section.heading(f"{analysis.RUN_TIME}: all programs")
        section.text("Geometric mean over programs of the speed-up over "
                     f"{analysis.REFERENCE_ENGINE} {analysis.REFERENCE_LEVEL} (run/ only: "
                     "compile excluded; see compile + run once for the whole cost):")
        section.chart(charts.interval_chart(
            ranked, out_dir, "ranking_speedup", "run time, all programs",
            f"speed-up over {analysis.REFERENCE_ENGINE} {analysis.REFERENCE_LEVEL}",
            units.times, lower_is_better=False, reference=1.0))
        section.table(_ranking_table(ranked))
        section.chart(charts.heatmap(res, out_dir, "speedup_heatmap"))
    return section


def _question(number: int, question: str, anchor: str, out_dir: Path) -> Section:
    section = Section(f"Question {number} — {question}", anchor, out_dir)
    section.text(analysis.QUESTIONS[question])
    return section


def _time_chart(section: Section, entries: List[analysis.Entry], prefix: str, program: str,
                what: str, xlabel: str):
    section.chart(charts.interval_chart(entries, section.out_dir, f"{prefix}_{_slug(program)}",
                                        f"{program}: {what}", xlabel, units.seconds))


def _run_section(res: results.Results, out_dir: Path) -> Section:
    section = _question(1, analysis.RUN_TIME, "run-time", out_dir)
    for program in res.programs("run"):
        section.heading(f"{analysis.RUN_TIME}: {program}")
        entries = analysis.program_entries(res, program)
        if not entries:
            section.text("No successful run.")
            continue
        _time_chart(section, entries, "run", program, "run time", "run time per execution")
        section.table(_run_table(res, entries))
        section.details(f"{program}: every repetition and the command for each benchmark",
                        _samples_table(res, program))
    return section


def _compile_section(res: results.Results, out_dir: Path) -> Section:
    section = _question(2, analysis.COMPILE_TIME, "compile-time", out_dir)
    for program in res.programs("compile"):
        section.heading(f"{analysis.COMPILE_TIME}: {program}")
        entries = analysis.compile_entries(res, program)
        _time_chart(section, entries, "compile", program, "compile time",
                    "parse + optimize + compile")
        section.table(_compile_table(res, program, entries))
        section.chart(charts.code_size_chart(res, program, out_dir,
                                             f"code_size_{_slug(program)}"))
    return section


def _one_execution_section(res: results.Results, out_dir: Path) -> Section:
    section = _question(3, analysis.ONE_EXECUTION, "one-execution", out_dir)
    section.text(_BREAK_EVEN)
    for program in res.programs("run"):
        entries = analysis.one_execution_entries(res, program)
        if not entries:
            continue
        section.heading(f"{analysis.ONE_EXECUTION}: {program}")
        _time_chart(section, entries, "once", program, "compile + run once", "compile + one run")
        section.table(_one_execution_table(entries))
    return section


def _spread(bench: results.Benchmark) -> str:
    """The range of the repetitions around the median, as percentages: "-3% / +12%"."""
    if len(bench.samples) < 2:
        return "-"
    median = bench.median
    return (f"-{(median - min(bench.samples)) / median:.0%} / "
            f"+{(max(bench.samples) - median) / median:.0%}")


def _process_table(res: results.Results, program: str, entries: List[analysis.Entry]) -> Table:
    table = Table(["rank", "engine", "level", "verdict", "median", "spread (min / max)", "n",
                   "mean [95% CI]", "peak memory", "reproduce"],
                  right=[True, False, False, False, True, True, True, True, True, False],
                  classes=[""] * 9 + [_CODE])
    rows = [(e.rank_label, e.bench) for e in entries]
    rows += [("-", b) for b in analysis.process_benches(res, program) if not b.ok]
    estimates = {id(e.bench): e.estimate for e in entries}
    for rank, bench in rows:
        rss = bench.counters.get("peak_rss_kib")
        estimate = estimates.get(id(bench))
        table.add(rank, bench.name.engine, bench.name.level or "(external)",
                  analysis.verdict(bench) if bench.ok else f"{analysis.verdict(bench)}: {bench.error}",
                  units.seconds(bench.median) if bench.ok else "-",
                  _spread(bench) if bench.ok else "-", len(bench.samples),
                  _interval(estimate, units.seconds) if estimate else "-",
                  f"{rss / 1024:.1f} MiB" if rss else "-",
                  provenance.reproduce_command(res, bench))
    return table


def _process_section(res: results.Results, out_dir: Path) -> Section:
    section = _question(4, analysis.PROCESS_TIME, "process-time", out_dir)
    skipped = sorted((k[len("skipped:"):], v) for k, v in res.context.items()
                     if k.startswith("skipped:"))
    engines = sorted((k[len("external:"):], v) for k, v in res.context.items()
                     if k.startswith("external:"))
    if engines:
        section.text("External engines: " + "; ".join(f"{n}: {c}" for n, c in engines) + ".")
    for program in res.programs("process"):
        section.heading(f"{analysis.PROCESS_TIME}: {program}")
        entries = analysis.process_entries(res, program)
        if entries:
            _time_chart(section, entries, "process", program, "process time",
                        "one whole process: start-up, compile and run")
        else:
            section.text("No correct run.")
        section.table(_process_table(res, program, entries))
    if skipped:
        section.heading("Skipped: programs an engine cannot run as the manifest expects")
        section.items([f"{name}: {why}" for name, why in skipped])
    return section


def _baseline_section(res: results.Results, base: results.Results, out_dir: Path,
                      threshold: float, alpha: float) -> Section:
    section = Section("Change against the baseline", "baseline", out_dir)
    comparison = compare.compare(base, res, threshold, alpha)
    section.text(f"Baseline: {base.path} (commit {base.context.get('git_commit', '?')}). "
                 f"A change counts when the median moved by more than {threshold:.0%} and a "
                 f"Mann-Whitney U test over the repetitions gives p < {alpha}.")
    section.items(comparison.warnings)
    counts = comparison.counts()
    section.text("Benchmarks: " + ", ".join(f"{n} {v}" for v, n in counts.items())
                 + f" ({compare.MISSING}: only in the baseline; {compare.NEW}: only here).")
    section.chart(charts.change_chart(comparison, out_dir, "baseline_changes"))
    section.table(compare.table(comparison))
    return section


def _json_link(results_path: str, out_dir: Path) -> str:
    """A link from the report folder to the results file; the file is copied in when the
    folder cannot reach it by a relative path (another drive, say)."""
    source = Path(results_path).resolve()
    try:
        return os.path.relpath(source, out_dir.resolve())
    except ValueError:
        shutil.copy(source, out_dir / source.name)
        return source.name


def build(res: results.Results, base: Optional[results.Results], out_dir: Path,
          threshold: float, alpha: float) -> List[Section]:
    sections = [_summary(res, out_dir), _run_section(res, out_dir), _compile_section(res, out_dir),
                _one_execution_section(res, out_dir)]
    if res.programs("process"):
        sections.append(_process_section(res, out_dir))
    if base is not None:
        sections.append(_baseline_section(res, base, out_dir, threshold, alpha))
    programs = Section("Programs", "programs", out_dir)
    programs.text("What each corpus program is and stresses (corpus/about.tsv), with its category "
                  "and provenance from the corpus manifest, as bfbench recorded them.")
    programs.table(_programs_table(res))
    sections.append(programs)
    context = Section("Machine and build", "context", out_dir)
    context.text("From the results file's context (written by bfbench).")
    context.table(_context_table(res.context))
    sections.append(context)
    return sections


def main(argv=None) -> int:
    parser = cli.ArgumentParser(
        prog="report",
        description="Write a report of a bfbench results file (Google Benchmark JSON): "
                    "index.html (self-contained, interactive offline), report.md, and the charts "
                    "as PNG and SVG. With a baseline, adds the change per benchmark with its "
                    "significance.")
    parser.add_argument("results", help="results JSON (bfbench --out / --benchmark_out)")
    parser.add_argument("baseline", nargs="?", help="results of an earlier commit to compare with")
    parser.add_argument("-o", "--out", required=True, help="output folder, e.g. reports/<name>/")
    parser.add_argument("--title", help="page title (default: from the commit in the results)")
    parser.add_argument("--time", choices=["real", "cpu"], default="real",
                        help="which Google Benchmark time to report (default real)")
    parser.add_argument("--threshold", type=float, default=0.05,
                        help="baseline: relative change that matters (default 0.05)")
    parser.add_argument("--alpha", type=float, default=0.05,
                        help="baseline: significance level (default 0.05)")
    args = parser.parse_args(argv)
    metric = f"{args.time}_time"
    res = results.load(args.results, metric)
    base = results.load(args.baseline, metric) if args.baseline else None
    if res.kind != "time":
        raise cli.Failure(cli.EXIT_DATA, f"{args.results}: holds instruction counts; the report "
                                         f"reads bfbench timing results (scripts/history charts "
                                         f"instruction counts)")
    out_dir = Path(args.out)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise cli.Failure(cli.EXIT_CANNOT_READ, f"{out_dir}: cannot create: {error.strerror}")
    commit = res.context.get("git_commit", "")
    title = args.title or f"bfbench report{f' — commit {commit}' if commit else ''}"
    sections = build(res, base, out_dir, args.threshold, args.alpha)
    stamp = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    sections[0].parts.insert(0, ("text", f"Generated {stamp} by scripts/report."))
    (out_dir / "index.html").write_text(page.render_html(title, sections))
    (out_dir / "report.md").write_text(page.render_markdown(title, sections))
    print(out_dir / "index.html")
    return cli.EXIT_OK
