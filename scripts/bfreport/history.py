"""scripts/history: the history store's commands (record, import, machines, chart, changes,
export) and, given only result files, the trend chart of those files (as before the store).

Charts put commit dates on the x axis (a commit git does not know is placed at its run's date),
one panel per program, one line per engine (and level), each point the median of every run of
that commit on one machine with a distribution-free 95% interval of it, and the change points
that E-divisive means finds (changepoints.py) as dashed lines where each shift begins.
"""
import argparse
import hashlib
import html
import json
import math
import sys
from pathlib import Path
from typing import List, Optional

from . import changepoints, charts, cli, exports, store, trends, units
from .charts import plt
from .tables import Table

COMMANDS = ("record", "import", "machines", "chart", "changes", "export")


def _unit(metric: str) -> str:
    if metric in store.TIME_METRICS:
        return "s"
    return "instructions" if metric == "instructions" else "count"


def _value(value: float, metric: str) -> str:
    unit = _unit(metric)
    if unit == "s":
        return units.seconds(value)
    return units.size(value) if metric.endswith("_bytes") else units.count(value)


def _short(sha: str) -> str:
    return sha[:8] if sha != "unknown" else sha


def draw(series: List[trends.Series], metric: str, title: str, out_dir: Path,
         name: str = "history") -> str:
    import matplotlib.dates as mdates
    programs = list(dict.fromkeys(s.program for s in series))
    engines = list(dict.fromkeys(s.engine for s in series))
    levels = list(dict.fromkeys(s.level for s in series))
    colors = charts.engine_colors(engines)
    styles = ["-", "--", ":", "-."]
    columns = min(3, len(programs))
    rows = math.ceil(len(programs) / columns)
    figure, axes = plt.subplots(rows, columns, figsize=(4.8 * columns, 3.5 * rows),
                                squeeze=False)
    for index, program in enumerate(programs):
        axis = axes[index // columns][index % columns]
        commits = {}
        for one in (s for s in series if s.program == program):
            xs = [mdates.date2num(p.date) for p in one.points]
            lows, highs = zip(*(p.interval for p in one.points))
            color = colors[one.engine]
            label = one.engine if len(levels) == 1 else f"{one.engine} {one.level}"
            axis.plot(xs, [p.median for p in one.points], styles[levels.index(one.level) % 4],
                      marker="o", markersize=3, color=color, label=label)
            if any(low != high for low, high in zip(lows, highs)):
                axis.fill_between(xs, lows, highs, color=color, alpha=0.15, linewidth=0)
            for change in one.changes:
                axis.axvline(xs[change.index], color=color, linestyle="--", linewidth=1)
                axis.annotate(units.percent_change(change.ratio), (xs[change.index],
                              one.points[change.index].median), fontsize=7, color=color,
                              xytext=(3, 3), textcoords="offset points")
            for x, point in zip(xs, one.points):
                commits.setdefault(x, []).append(_short(point.commit))
        ticks = sorted(commits)
        step = max(1, math.ceil(len(ticks) / 10))   # at most ~10 labelled commits per panel
        shown = ticks[::step]
        axis.set_xticks(shown)
        axis.set_xticklabels([mdates.num2date(x).strftime("%m-%d %H:%M") + "\n"
                              + " ".join(dict.fromkeys(commits[x])) for x in shown],
                             rotation=45, ha="right", fontsize=6)
        axis.set_title(program)
        if _unit(metric) == "s":
            charts.seconds_axis(axis)
            axis.set_ylabel(f"{metric} (median, log)")
        else:
            axis.set_yscale("log")
            axis.set_ylabel(f"{metric} (log)")
        axis.grid(alpha=0.3, which="both")
        axis.legend(fontsize=7)
    for index in range(len(programs), rows * columns):
        axes[index // columns][index % columns].axis("off")
    figure.suptitle(title)
    return charts._save(figure, out_dir, name)


def changes_table(series: List[trends.Series], metric: str) -> Table:
    out = Table(["series", "shift begins at", "commit date", "before", "after", "change", "p"],
                right=[False, False, False, True, True, True, True])
    for one in series:
        for change in one.changes:
            point = one.points[change.index]
            out.add(one.label, _short(point.commit),
                    point.date.strftime("%Y-%m-%d %H:%M") + ("" if point.dated_by_commit
                                                             else " (run)"),
                    _value(change.before, metric), _value(change.after, metric),
                    units.percent_change(change.ratio) if change.ratio else "-",
                    f"{change.p_value:.3f}")
    return out


def _series(db: store.Store, args) -> (List[trends.Series], List[str]):
    machine, notes = trends.choose_machine(db, args.metric, args.machine)
    found = trends.build(db, args.metric, args.phase, args.level, machine,
                         min_change=args.min_change)
    if not found:
        raise cli.Failure(cli.EXIT_DATA, f"no {args.phase} benchmarks with {args.metric}"
                                         f"{'' if args.level == 'all' else ' at ' + args.level}"
                                         f" in the history")
    return found, notes


def _chart(db: store.Store, args, listing: str = "") -> int:
    found, notes = _series(db, args)
    for note in notes:
        print(f"history: {note}", file=sys.stderr)
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    commits = {p.commit for s in found for p in s.points}
    title = (f"{args.phase} phase, {args.metric}, "
             f"{'all levels' if args.level == 'all' else args.level}: {len(commits)} commit(s) "
             f"by commit date")
    svg = draw(found, args.metric, title, out_dir)
    table = changes_table(found, args.metric)
    (out_dir / "changes.md").write_text(f"# Change points ({args.metric}, {args.phase})\n\n"
                                        + (table.markdown() if table.rows else "none found")
                                        + "\n")
    changes_html = table.html() if table.rows else "<p>No change point found.</p>"
    (out_dir / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>bfbench history'
        '</title></head><body><h1>bfbench history</h1>'
        + "".join(f"<p>{html.escape(n)}</p>" for n in notes)
        + f"{svg}<h2>Change points (E-divisive means)</h2>{changes_html}{listing}</body></html>\n")
    print(out_dir / "index.html")
    return cli.EXIT_OK


def _record(args, local: bool) -> int:
    with store.open_store(args.db) as db:
        for path in args.files:
            done = db.record_file(Path(path), source=args.source, command=args.command,
                                  local=local, repo=Path(args.repo) if args.repo else store.ROOT)
            for warning in done.warnings:
                print(f"history: {path}: warning: {warning}", file=sys.stderr)
            state = (f"run {done.run_id}, {done.measurements} measurements" if done.run_id
                     else "already recorded")
            print(f"history: {path}: {state} (commit {_short(done.commit.sha)}, machine "
                  f"{done.machine})")
    return cli.EXIT_OK


def _machines(args) -> int:
    with store.open_store(args.db, create=False) as db:
        table = Table(["machine", "runs", "facts"], right=[False, True, False])
        for identity, facts, runs in db.machines():
            table.add(identity, str(runs), ", ".join(f"{k}={v}" for k, v in
                                                     json.loads(facts).items()))
        print(table.text())
    return cli.EXIT_OK


def _add_db(parser):
    parser.add_argument("--db", help=f"SQLite file or postgresql://... URL (default: "
                        f"$BFBENCH_HISTORY_DB or {store.DEFAULT_DB.relative_to(store.ROOT)})")


def _add_view(parser):
    parser.add_argument("--metric", default="real_time",
                        help="real_time (default), cpu_time, instructions, code_bytes, ...")
    parser.add_argument("--phase", default="run", help="run (default), compile or optimize")
    parser.add_argument("--level", default="O3", help="level to chart, or 'all' (default O3)")
    parser.add_argument("--machine", help="machine identity (a prefix is enough; see "
                        "'machines'), or 'all' to pool machines (default: the one with most runs)")
    parser.add_argument("--min-change", type=float, default=changepoints.DEFAULT_MIN_CHANGE,
                        help="list change points whose medians differ by at least this much "
                             "(default 0.02 = 2%%)")


def _parser() -> cli.ArgumentParser:
    parser = cli.ArgumentParser(
        prog="history", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="The history of bfbench results (reports/history-schema.md):\n"
                    "  history import FILE...    record existing result files (idempotent)\n"
                    "  history record FILE...    record files just made on this machine\n"
                    "  history machines          the machine identities recorded\n"
                    "  history chart -o DIR      trend lines by commit date, change points\n"
                    "  history changes           the change points as a table\n"
                    "  history export FILE... --format F   for github-action-benchmark or Bencher\n"
                    "  history FILE... -o DIR    chart these result files only")
    commands = parser.add_subparsers(dest="action", required=True)
    for name, help_text in (("import", "record existing result files (context only)"),
                            ("record", "record files made on this machine just now")):
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("files", nargs="+")
        _add_db(sub)
        sub.add_argument("--source", default=name, help="what made the files (gate, main-job, "
                         "bench ...; default the command's name)")
        sub.add_argument("--command", help="the command that made them (default: the "
                         "context's 'command', if any)")
        sub.add_argument("--repo", help="git repository that knows the commits (default: this "
                         "checkout)")
    sub = commands.add_parser("machines", help="the machine identities recorded")
    _add_db(sub)
    for name in ("chart", "changes"):
        sub = commands.add_parser(name)
        _add_db(sub)
        _add_view(sub)
        if name == "chart":
            sub.add_argument("-o", "--out", required=True, help="output folder")
        else:
            sub.add_argument("--markdown", action="store_true", help="a Markdown table")
    sub = commands.add_parser("export", help="a result file in another tracker's format")
    sub.add_argument("files", nargs="+", help="result files (times and counts merge)")
    sub.add_argument("--format", required=True, choices=sorted(exports.FORMATS))
    sub.add_argument("-o", "--out", default="-", help="output file (default: stdout)")
    return parser


def _files_parser() -> cli.ArgumentParser:
    parser = cli.ArgumentParser(
        prog="history",
        description="Chart a series of bfbench result files (Google Benchmark JSON or the gate's "
                    "instruction counts) as trend lines per engine and program, by commit date. "
                    "For the store's commands see 'history --help'.")
    parser.add_argument("files", nargs="+", help="result files")
    parser.add_argument("-o", "--out", required=True, help="output folder")
    parser.add_argument("--phase", default="run", choices=["run", "compile"],
                        help="which phase to chart (default run)")
    parser.add_argument("--level", default="O3", help="level to chart, or 'all' (default O3)")
    parser.add_argument("--time", choices=["real", "cpu"], default="real",
                        help="which Google Benchmark time (default real)")
    parser.add_argument("--machine", default="all",
                        help="machine identity to chart (default: every file's)")
    parser.add_argument("--min-change", type=float, default=changepoints.DEFAULT_MIN_CHANGE,
                        help="list change points whose medians differ by at least this much "
                             "(default 0.02 = 2%%)")
    return parser


def _chart_files(argv: List[str]) -> int:
    """The files alone, through a store in memory: the same chart as from the database."""
    args = _files_parser().parse_args(argv)
    with store.open_store(":memory:") as db:
        kinds = set()
        for index, path in enumerate(args.files):
            data = Path(path).read_bytes() if Path(path).is_file() else b""
            # Numbered digests: the same file given twice is charted twice, as asked.
            done = db.record_file(Path(path), source="files")
            if done.run_id is None:
                db.record(json.loads(data), digest=f"{index}:{hashlib.sha256(data).hexdigest()}",
                          source="files", path=path)
            kinds.add(db.query("SELECT kind FROM runs WHERE path = ?", (path,))[0][0])
        if len(kinds) > 1:
            raise cli.Failure(cli.EXIT_DATA, "the files mix wall times and instruction counts")
        args.metric = "instructions" if kinds == {"instructions"} else f"{args.time}_time"
        listing = "<ul>" + "".join(f"<li>{html.escape(str(p))}</li>" for p in args.files) + "</ul>"
        return _chart(db, args, listing)


def main(argv: Optional[List[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in COMMANDS + ("-h", "--help"):
        return _chart_files(argv)
    args = _parser().parse_args(argv)
    if args.action in ("record", "import"):
        return _record(args, local=args.action == "record")
    if args.action == "machines":
        return _machines(args)
    if args.action == "export":
        return exports.main(args)
    with store.open_store(args.db, create=False) as db:
        if args.action == "chart":
            return _chart(db, args)
        found, notes = _series(db, args)
        for note in notes:
            print(f"history: {note}", file=sys.stderr)
        table = changes_table(found, args.metric)
        print(table.markdown() if args.markdown else table.text() if table.rows
              else "history: no change point found")
    return cli.EXIT_OK
