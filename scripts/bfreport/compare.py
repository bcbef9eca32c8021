"""Compares two result files benchmark by benchmark: ratio with its bootstrap interval,
Mann-Whitney U significance, verdict.

For wall times a change counts only when it is both larger than the threshold and significant
(p < alpha over the repetitions). A row whose sample counts cannot give p < alpha at all (2
against 5 repetitions: p >= 0.095) says so instead of "not significant". Instruction counts are
deterministic, so for them the threshold alone decides.
"""
import argparse
import re
import sys
import textwrap
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from . import cli, compare_json, results, stats, units
from .tables import Table

SLOWER, FASTER, SAME, NOT_SIGNIFICANT, INSUFFICIENT, NEW, MISSING, FAILED = (
    "slower", "faster", "same", "not significant", "cannot be significant", "new", "missing",
    "failed")
VERDICTS = (SLOWER, FASTER, NOT_SIGNIFICANT, INSUFFICIENT, SAME, FAILED, MISSING, NEW)
CONFIDENCE = 0.95            # of the ratio's bootstrap interval
EXIT_MISSING = 3             # --fail-on-missing: a benchmark of BASE is not in NEW
_NAMES_SHOWN = 10            # names a warning lists before "and N more"


@dataclass
class Row:
    name: str
    phase: Optional[str]
    unit: str
    engine: Optional[str] = None
    program: Optional[str] = None
    level: Optional[str] = None
    base: Optional[float] = None      # median of the baseline's samples
    new: Optional[float] = None
    ratio: Optional[float] = None     # new / base: > 1 is slower
    ratio_ci: Optional[Tuple[float, float]] = None   # bootstrap interval of the ratio
    p_value: Optional[float] = None
    samples: Optional[Tuple[int, int]] = None        # (base, new) repetitions, when compared
    smallest_p: Optional[float] = None               # the smallest p these counts allow
    # False when no outcome of these sample counts reaches p < alpha; None for rows not compared
    # and for instruction counts (no test needed).
    can_be_significant: Optional[bool] = None
    verdict: str = SAME
    note: str = ""


@dataclass
class Comparison:
    rows: List[Row]
    threshold: float
    alpha: float
    deterministic: bool               # both files hold instruction counts
    warnings: List[str]

    def regressions(self) -> List[Row]:
        return [r for r in self.rows if r.verdict == SLOWER]

    def improvements(self) -> List[Row]:
        return [r for r in self.rows if r.verdict == FASTER]

    def missing(self) -> List[Row]:
        return [r for r in self.rows if r.verdict == MISSING]

    def insufficient(self) -> List[Row]:
        """Compared rows whose sample counts cannot reach significance, whatever the change."""
        return [r for r in self.rows if r.can_be_significant is False]

    def counts(self) -> Dict[str, int]:
        """Rows per verdict, in the order of VERDICTS; verdicts no row has are left out."""
        found = [r.verdict for r in self.rows]
        return {v: found.count(v) for v in VERDICTS if v in found}

    def geomeans(self):
        """(phase, geometric mean of ratios, count) for each phase with compared benchmarks."""
        out = []
        for phase in dict.fromkeys(r.phase or "other" for r in self.rows):
            ratios = [r.ratio for r in self.rows if (r.phase or "other") == phase and r.ratio]
            if ratios:
                out.append((phase, stats.geomean(ratios), len(ratios)))
        return out


def _verdict(row: Row, threshold: float, alpha: float, deterministic: bool, min_delta: float):
    beyond = row.ratio > 1 + threshold or row.ratio < 1 / (1 + threshold)
    if abs(row.new - row.base) < min_delta:
        beyond = False
    if not beyond:
        return SAME
    direction = SLOWER if row.ratio > 1 else FASTER
    if deterministic:
        return direction
    if not row.can_be_significant:
        return INSUFFICIENT
    if row.p_value >= alpha:
        return NOT_SIGNIFICANT
    return direction


def _measure_change(row: Row, old: results.Benchmark, now: results.Benchmark, alpha: float,
                    deterministic: bool):
    """The ratio of the medians and, for wall times, its interval and significance."""
    row.base, row.new = old.median, now.median
    row.ratio = row.new / row.base if row.base > 0 else None
    if deterministic or row.ratio is None:
        return
    counts = (len(old.samples), len(now.samples))
    row.samples = counts
    row.p_value = stats.mann_whitney(old.samples, now.samples)
    row.smallest_p = stats.smallest_p(*counts)
    # One sample a side gives no p-value at all (stats.mann_whitney).
    row.can_be_significant = row.p_value is not None and row.smallest_p < alpha
    row.ratio_ci = stats.ratio_interval(old.samples, now.samples, CONFIDENCE)


def _listed(rows: List[Row]) -> str:
    names = ", ".join(r.name for r in rows[:_NAMES_SHOWN])
    more = len(rows) - _NAMES_SHOWN
    return names + (f" and {more} more" if more > 0 else "")


def _warnings(comparison: Comparison, base: results.Results, new: results.Results) -> List[str]:
    out = []
    missing = comparison.missing()
    in_base = [r for r in comparison.rows if r.verdict != NEW]
    if missing and len(missing) == len(in_base):
        out.append(f"none of the {len(missing)} benchmarks of {base.path} is in {new.path}: "
                   f"nothing was compared")
    elif missing:
        out.append(f"{len(missing)} of the {len(in_base)} benchmarks of {base.path} missing from "
                   f"{new.path}: {_listed(missing)}")
    insufficient = comparison.insufficient()
    if insufficient:
        example = insufficient[0]
        compared = sum(r.can_be_significant is not None for r in comparison.rows)
        out.append(f"too few repetitions: {len(insufficient)} of {compared} compared benchmarks "
                   f"cannot be significant with these counts (e.g. {example.name}: "
                   f"{example.samples[0]} vs {example.samples[1]} samples, smallest possible "
                   f"p = {example.smallest_p:.2g}, not < {comparison.alpha}); run both with "
                   f"--benchmark_repetitions=5 or more")
    return out


def compare(base: results.Results, new: results.Results, threshold: float = 0.05,
            alpha: float = 0.05, pattern: Optional[str] = None,
            min_delta: float = 0.0) -> Comparison:
    deterministic = base.kind == new.kind == "instructions"
    matcher = re.compile(pattern) if pattern else None
    warnings = []
    if base.kind != new.kind:
        warnings.append(f"comparing {base.kind} ({base.path}) with {new.kind} ({new.path})")
    rows: List[Row] = []
    names = list(base.benchmarks) + [n for n in new.benchmarks if n not in base.benchmarks]
    for name in names:
        if matcher and not matcher.search(name):
            continue
        old, now = base.benchmarks.get(name), new.benchmarks.get(name)
        some = now or old
        row = Row(name, some.name.phase, some.unit, some.name.engine, some.name.program,
                  some.name.level)
        if old is None:
            row.verdict, row.new = NEW, now.median if now.ok else None
        elif now is None:
            row.verdict, row.base = MISSING, old.median if old.ok else None
        elif not now.ok or not old.ok:
            row.verdict = FAILED
            row.note = (now.error if not now.ok else old.error) or "no samples"
        else:
            _measure_change(row, old, now, alpha, deterministic)
            if row.ratio is None:
                row.verdict = SAME if row.new == row.base else SLOWER
            else:
                row.verdict = _verdict(row, threshold, alpha, deterministic, min_delta)
        rows.append(row)
    comparison = Comparison(rows, threshold, alpha, deterministic, warnings)
    comparison.warnings += _warnings(comparison, base, new)
    return comparison


def _interval(row: Row) -> str:
    if row.ratio_ci is None:
        return "-"
    low, high = row.ratio_ci
    return f"[{units.percent_change(low)}, {units.percent_change(high)}]"


def _verdict_cell(row: Row) -> str:
    if row.verdict == INSUFFICIENT:
        text = f"{INSUFFICIENT} with these counts"
    elif row.can_be_significant is False:
        text = f"{row.verdict} ({INSUFFICIENT} with these counts)"
    else:
        text = row.verdict
    return text + (f" ({row.note})" if row.note else "")


def table(comparison: Comparison, only_changes: bool = False) -> Table:
    if comparison.deterministic:
        headers = ["benchmark", "base", "new", "change", "verdict"]
    else:
        headers = ["benchmark", "base", "new", "change", f"{CONFIDENCE:.0%} CI", "p", "n",
                   "verdict"]
    out = Table(headers, right=[False] + [True] * (len(headers) - 2) + [False])
    for row in comparison.rows:
        if only_changes and row.verdict == SAME:
            continue
        cells = [row.name,
                 units.quantity(row.base, row.unit) if row.base is not None else "-",
                 units.quantity(row.new, row.unit) if row.new is not None else "-",
                 units.percent_change(row.ratio) if row.ratio else "-"]
        if not comparison.deterministic:
            cells += [_interval(row),
                      f"{row.p_value:.3f}" if row.p_value is not None else "-",
                      f"{row.samples[0]}/{row.samples[1]}" if row.samples else "-"]
        out.add(*cells, _verdict_cell(row))
    for phase, mean, n in comparison.geomeans():
        cells = [f"geomean ({phase}, {n} benchmarks)", "", "", units.percent_change(mean)]
        if not comparison.deterministic:
            cells += ["", "", ""]
        out.add(*cells, "")
    return out


EXIT_CODES = f"""exit status:
  0   no benchmark significantly slower (also when some are missing, unless --fail-on-missing)
  1   at least one benchmark significantly slower by more than the threshold
  {EXIT_MISSING}   --fail-on-missing and a benchmark of BASE is not in NEW (1 wins when both)
  64  bad usage
  65  an input file is not a result file (not JSON, no benchmarks)
  66  an input file cannot be read
  74  the --json FILE cannot be written"""


def exit_status(comparison: Comparison, fail_on_missing: bool) -> int:
    if comparison.regressions():
        return cli.EXIT_FAILED
    if fail_on_missing and comparison.missing():
        return EXIT_MISSING
    return cli.EXIT_OK


def _parser() -> cli.ArgumentParser:
    parser = cli.ArgumentParser(
        prog="compare",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=textwrap.fill(
            "Compare two bfbench result files (Google Benchmark JSON, e.g. from two commits) "
            "benchmark by benchmark: median ratio with its 95% bootstrap interval, Mann-Whitney "
            "U p-value over the repetitions, the sample counts, a geometric-mean row per phase. "
            "Exits 1 when a benchmark is significantly slower by more than the threshold. A row "
            "whose sample counts cannot reach p < alpha whatever the times (2 vs 5 repetitions: "
            "p >= 0.095) is marked \"cannot be significant with these counts\" and counted in a "
            "warning.", 79),
        epilog=EXIT_CODES + "\n\n--json: the format is described in reports/compare-json.md.")
    parser.add_argument("base", help="results of the reference (older) commit")
    parser.add_argument("new", help="results to judge")
    parser.add_argument("--threshold", type=float, default=0.05,
                        help="relative change that matters (default 0.05 = 5%%)")
    parser.add_argument("--alpha", type=float, default=0.05,
                        help="significance level of the Mann-Whitney U test (default 0.05)")
    parser.add_argument("--time", choices=["real", "cpu"], default="real",
                        help="which Google Benchmark time to compare (default real)")
    parser.add_argument("--filter", help="only benchmarks whose name matches this regex")
    parser.add_argument("--changes", action="store_true", help="list only changed benchmarks")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--fail-on-missing", action="store_true",
                        help=f"exit {EXIT_MISSING} when a benchmark of BASE is not in NEW "
                             f"(without it: a warning naming them)")
    parser.add_argument("--json", nargs="?", const="-", metavar="FILE|-",
                        help="also write the comparison as JSON to FILE; '-' or no FILE: JSON on "
                             "stdout instead of the table (put it after BASE NEW, or write "
                             "--json=FILE)")
    return parser


def main(argv=None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.threshold < 0 or not 0 < args.alpha < 1:
        parser.error("--threshold must be >= 0 and --alpha between 0 and 1")
    metric = f"{args.time}_time"
    base = results.load(args.base, metric)
    new = results.load(args.new, metric)
    try:
        comparison = compare(base, new, args.threshold, args.alpha, args.filter)
    except re.error as error:
        parser.error(f"--filter: {error}")
    status = exit_status(comparison, args.fail_on_missing)
    if args.json is not None:
        document = compare_json.document(comparison, base, new, metric, status, CONFIDENCE)
        compare_json.write(document, args.json)
    if args.json != "-":
        rendered = table(comparison, args.changes)
        print(rendered.markdown() if args.markdown else rendered.text())
    for warning in comparison.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    slower = comparison.regressions()
    if slower:
        print(f"compare: {len(slower)} benchmark(s) significantly slower by more than "
              f"{args.threshold:.0%}: " + ", ".join(r.name for r in slower), file=sys.stderr)
    missing = comparison.missing()
    if args.fail_on_missing and missing:
        print(f"compare: {len(missing)} benchmark(s) of {base.path} missing from {new.path} "
              f"(--fail-on-missing): " + ", ".join(r.name for r in missing), file=sys.stderr)
    return status
