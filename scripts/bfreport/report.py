"""scripts/report: turns a bfbench results file (and optionally a baseline) into a report folder:
index.html (self-contained: charts inline, no network), report.md, and every chart as PNG + SVG."""
import datetime
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional

from . import analysis, charts, cli, compare, results, units
from .tables import Table


@dataclass
class Section:
    title: str
    anchor: str
    parts: List[tuple] = field(default_factory=list)   # ("text"|"list"|"table"|"chart", payload)

    def text(self, value: str):
        self.parts.append(("text", value))

    def items(self, values: List[str]):
        if values:
            self.parts.append(("list", values))

    def table(self, value: Table):
        self.parts.append(("table", value))

    def chart(self, name: str, svg: Optional[str]):
        if svg is not None:
            self.parts.append(("chart", (name, svg)))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _context_table(context: dict) -> Table:
    table = Table(["key", "value"])
    for key, value in context.items():
        if isinstance(value, (list, dict)):
            value = json.dumps(value, separators=(", ", ": "))
        table.add(key, value)
    return table


def _with_spread(bench: results.Benchmark) -> str:
    """"1.2 ms ± 3 µs", or just the time when a single run leaves no spread to show."""
    if len(bench.samples) < 2 and bench.aggregate_stddev is None:
        return f"{units.seconds(bench.mean)} (1 run)"
    return f"{units.seconds(bench.mean)} ± {units.seconds(bench.stddev)}"


def _program_table(entries: List[analysis.Entry]) -> Table:
    table = Table(["rank", "engine", "level", "run time (mean ± sd)", "speed-up", "runs", "ops",
                   "code bytes"], right=[True, False, False, True, True, True, True, True])
    for rank, entry in enumerate(entries, 1):
        bench = entry.bench
        speedup = "n/a" if entry.speedup is None else (
            f"{units.times(entry.speedup)} ± {units.spread(entry.speedup_sd)}" if entry.speedup_sd
            else units.times(entry.speedup))
        counters = bench.counters
        table.add(rank, entry.engine, entry.level,
                  _with_spread(bench), speedup, len(bench.samples),
                  f"{counters['ops']:.0f}" if "ops" in counters else "-",
                  units.size(counters["code_bytes"]) if counters.get("code_bytes") else "-")
    return table


def _ranking_table(ranked: List[analysis.Ranked]) -> Table:
    table = Table(["rank", "engine", "level", "speed-up (geomean ± sd)", "programs"],
                  right=[True, False, False, True, True])
    for rank, row in enumerate(ranked, 1):
        spread = f" ± {units.spread(row.spread)}" if row.spread else ""
        table.add(rank, row.engine, row.level, f"{units.times(row.speedup)}{spread}", row.programs)
    return table


def _compile_table(res: results.Results) -> Table:
    table = Table(["engine", "program", "level", "compile time (mean ± sd)", "ops", "code bytes"],
                  right=[False, False, False, True, True, True])
    for engine in res.engines("compile"):
        for program in res.programs("compile"):
            for level in res.levels("compile"):
                bench = res.get("compile", engine, program, level)
                if bench is None or not bench.ok:
                    continue
                code = bench.counters.get("code_bytes")
                run = res.get("run", engine, program, level)
                if not code and run is not None:
                    code = run.counters.get("code_bytes")
                ops = bench.counters.get("ops")
                table.add(engine, program, level, _with_spread(bench),
                          f"{ops:.0f}" if ops is not None else "-",
                          units.size(code) if code else "-")
    return table


def build(res: results.Results, base: Optional[results.Results], out_dir: Path,
          threshold: float, alpha: float) -> List[Section]:
    sections = []
    summary = Section("Summary", "summary")
    summary.text(f"Results: {res.path} ({len(res.benchmarks)} benchmarks; engines: "
                 f"{', '.join(res.engines()) or 'none'}; programs: "
                 f"{', '.join(res.programs('run')) or 'none'}). Speed-ups are over "
                 f"{analysis.REFERENCE_ENGINE} {analysis.REFERENCE_LEVEL} on the same program; "
                 f"± is one standard deviation over the repetitions.")
    summary.items(analysis.warnings(res))
    summary.chart("speedup_heatmap", charts.heatmap(res, out_dir, "speedup_heatmap"))
    ranked = analysis.ranking(res)
    if ranked:
        summary.text("Ranking over all programs (geometric mean of per-program speed-ups):")
        summary.table(_ranking_table(ranked))
    sections.append(summary)

    for program in res.programs("run"):
        section = Section(f"Program {program}", f"program-{_slug(program)}")
        name = f"program_{_slug(program)}"
        section.chart(name, charts.program_chart(res, program, out_dir, name))
        entries = analysis.program_entries(res, program)
        if entries:
            section.table(_program_table(entries))
        else:
            section.text("No successful run.")
        sections.append(section)

    if res.engines("compile"):
        section = Section("Compile time and code size", "compile")
        section.text("Compile benchmarks time parse + optimize + the engine's compile; code size "
                     "is shown for engines that generate code.")
        section.chart("compile", charts.compile_chart(res, out_dir, "compile"))
        section.table(_compile_table(res))
        sections.append(section)

    if base is not None:
        section = Section("Change against the baseline", "baseline")
        comparison = compare.compare(base, res, threshold, alpha)
        section.text(f"Baseline: {base.path} (commit {base.context.get('git_commit', '?')}). "
                     f"A change counts when the median moved by more than {threshold:.0%} and a "
                     f"Mann-Whitney U test over the repetitions gives p < {alpha}.")
        section.items(comparison.warnings)
        counts = comparison.counts()
        section.text("Benchmarks: " + ", ".join(f"{n} {v}" for v, n in counts.items())
                     + f" ({compare.MISSING}: only in the baseline; {compare.NEW}: only here).")
        section.chart("baseline_changes", charts.change_chart(comparison, out_dir,
                                                              "baseline_changes"))
        section.table(compare.table(comparison))
        sections.append(section)

    context = Section("Machine and build", "context")
    context.table(_context_table(res.context))
    sections.append(context)
    return sections


_CSS = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
h1 { font-size: 1.6em; }
h2 { border-bottom: 1px solid #ddd; padding-bottom: .2em; margin-top: 2em; }
table { border-collapse: collapse; margin: .8em 0; font-size: 13px; }
th, td { border: 1px solid #ddd; padding: .25em .6em; text-align: left; }
th { background: #f4f4f4; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.chart svg { max-width: 100%; height: auto; } nav a { margin-right: 1em; }
ul.warnings li { color: #8a4b00; }
"""


def render_html(title: str, sections: List[Section]) -> str:
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>",
           f"<h1>{html.escape(title)}</h1><nav>"]
    out += [f'<a href="#{s.anchor}">{html.escape(s.title)}</a>' for s in sections]
    out.append("</nav>")
    for section in sections:
        out.append(f'<h2 id="{section.anchor}">{html.escape(section.title)}</h2>')
        for kind, payload in section.parts:
            if kind == "text":
                out.append(f"<p>{html.escape(payload)}</p>")
            elif kind == "list":
                out.append('<ul class="warnings">' + "".join(
                    f"<li>{html.escape(item)}</li>" for item in payload) + "</ul>")
            elif kind == "table":
                out.append(payload.html())
            elif kind == "chart":
                name, svg = payload
                out.append(f'<div class="chart" id="chart-{name}">{svg}</div>')
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def render_markdown(title: str, sections: List[Section]) -> str:
    out = [f"# {title}", ""]
    for section in sections:
        out += [f"## {section.title}", ""]
        for kind, payload in section.parts:
            if kind == "text":
                out += [payload, ""]
            elif kind == "list":
                out += [f"- {item}" for item in payload] + [""]
            elif kind == "table":
                out += [payload.markdown(), ""]
            elif kind == "chart":
                out += [f"![{payload[0]}]({payload[0]}.png)", ""]
    return "\n".join(out)


def main(argv=None) -> int:
    parser = cli.ArgumentParser(
        prog="report",
        description="Write a report of a bfbench results file (Google Benchmark JSON): "
                    "index.html (self-contained), report.md, and the charts as PNG and SVG. "
                    "With a baseline, adds the change per benchmark with its significance.")
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
    (out_dir / "index.html").write_text(render_html(title, sections))
    (out_dir / "report.md").write_text(render_markdown(title, sections))
    print(out_dir / "index.html")
    return cli.EXIT_OK
