"""Compares two result files benchmark by benchmark: ratio, Mann-Whitney U significance, verdict.

For wall times a change counts only when it is both larger than the threshold and significant
(p < alpha over the repetitions). Instruction counts are deterministic, so for them the
threshold alone decides.
"""
import re
import sys
from dataclasses import dataclass
from typing import List, Optional

from . import cli, results, stats, units
from .tables import Table

SLOWER, FASTER, SAME, NOT_SIGNIFICANT, NEW, MISSING, FAILED = (
    "slower", "faster", "same", "not significant", "new", "missing", "failed")


@dataclass
class Row:
    name: str
    phase: Optional[str]
    unit: str
    base: Optional[float] = None      # median of the baseline's samples
    new: Optional[float] = None
    ratio: Optional[float] = None     # new / base: > 1 is slower
    p_value: Optional[float] = None
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
    if row.p_value is None:
        row.note = "one sample each: cannot judge"
        return NOT_SIGNIFICANT
    if row.p_value >= alpha:
        return NOT_SIGNIFICANT
    return direction


def compare(base: results.Results, new: results.Results, threshold: float = 0.05,
            alpha: float = 0.05, pattern: Optional[str] = None,
            min_delta: float = 0.0) -> Comparison:
    deterministic = base.kind == new.kind == "instructions"
    matcher = re.compile(pattern) if pattern else None
    warnings = []
    if base.kind != new.kind:
        warnings.append(f"comparing {base.kind} ({base.path}) with {new.kind} ({new.path})")
    rows: List[Row] = []
    smallest = 1.0
    names = list(base.benchmarks) + [n for n in new.benchmarks if n not in base.benchmarks]
    for name in names:
        if matcher and not matcher.search(name):
            continue
        old, now = base.benchmarks.get(name), new.benchmarks.get(name)
        some = now or old
        row = Row(name, some.name.phase, some.unit)
        if old is None:
            row.verdict, row.new = NEW, now.median if now.ok else None
        elif now is None:
            row.verdict, row.base = MISSING, old.median if old.ok else None
        elif not now.ok or not old.ok:
            row.verdict = FAILED
            row.note = (now.error if not now.ok else old.error) or "no samples"
        else:
            row.base, row.new = old.median, now.median
            row.ratio = row.new / row.base if row.base > 0 else None
            if row.ratio is None:
                row.verdict = SAME if row.new == row.base else SLOWER
            else:
                if not deterministic:
                    row.p_value = stats.mann_whitney(old.samples, now.samples)
                    smallest = min(smallest, stats.smallest_p(len(old.samples), len(now.samples)))
                row.verdict = _verdict(row, threshold, alpha, deterministic, min_delta)
        rows.append(row)
    if not deterministic and any(r.ratio for r in rows) and smallest >= alpha:
        warnings.append(f"too few repetitions: with these sample sizes no difference can reach "
                        f"p < {alpha} (best possible p = {smallest:.3g}); run with "
                        f"--benchmark_repetitions=5 or more")
    return Comparison(rows, threshold, alpha, deterministic, warnings)


def table(comparison: Comparison, only_changes: bool = False) -> Table:
    headers = ["benchmark", "base", "new", "change", "p", "verdict"]
    if comparison.deterministic:
        headers = ["benchmark", "base", "new", "change", "verdict"]
    out = Table(headers, right=[False, True, True, True, True, False])
    for row in comparison.rows:
        if only_changes and row.verdict == SAME:
            continue
        cells = [row.name,
                 units.quantity(row.base, row.unit) if row.base is not None else "-",
                 units.quantity(row.new, row.unit) if row.new is not None else "-",
                 units.percent_change(row.ratio) if row.ratio else "-"]
        if not comparison.deterministic:
            cells.append(f"{row.p_value:.3f}" if row.p_value is not None else "-")
        verdict = row.verdict + (f" ({row.note})" if row.note else "")
        out.add(*cells, verdict)
    for phase, mean, n in comparison.geomeans():
        cells = [f"geomean ({phase}, {n} benchmarks)", "", "", units.percent_change(mean)]
        if not comparison.deterministic:
            cells.append("")
        out.add(*cells, "")
    return out


def main(argv=None) -> int:
    parser = cli.ArgumentParser(
        prog="compare",
        description="Compare two bfbench result files (Google Benchmark JSON, e.g. from two "
                    "commits) benchmark by benchmark: median ratio, Mann-Whitney U p-value over "
                    "the repetitions, a geometric-mean row per phase. Exits 1 when a benchmark is "
                    "significantly slower by more than the threshold.")
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
    rendered = table(comparison, args.changes)
    print(rendered.markdown() if args.markdown else rendered.text())
    for warning in comparison.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    slower = comparison.regressions()
    if slower:
        print(f"compare: {len(slower)} benchmark(s) significantly slower by more than "
              f"{args.threshold:.0%}: " + ", ".join(r.name for r in slower), file=sys.stderr)
        return cli.EXIT_FAILED
    return cli.EXIT_OK
