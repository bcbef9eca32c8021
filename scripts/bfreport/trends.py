"""Series from the history store: one per (engine, program, level) of a metric and phase on one
machine, a point per commit (every run of that commit pooled), ordered by commit date, with the
change points of the per-commit medians."""
import datetime
import statistics
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from scipy import stats as _scipy_stats

from . import changepoints, cli, names
from .store import Store

CONFIDENCE = 0.95


def median_interval(samples: List[float], confidence: float = CONFIDENCE) -> Tuple[float, float]:
    """A distribution-free interval of the median from order statistics: [x_(k), x_(n+1-k)] with
    the largest k whose binomial coverage is at least `confidence`; the full range when n is too
    small for that (n < 6 at 95%), a point for one sample."""
    ordered = sorted(samples)
    n = len(ordered)
    k = 0
    while k + 1 <= n // 2 and \
            _scipy_stats.binom.cdf(k, n, 0.5) <= (1 - confidence) / 2:   # P(X <= k)
        k += 1
    return ordered[max(0, k - 1)], ordered[n - max(1, k)]


@dataclass
class Point:
    commit: str
    date: datetime.datetime     # the commit's date (its run's when git did not know the commit)
    dated_by_commit: bool
    samples: List[float]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def interval(self) -> Tuple[float, float]:
        return median_interval(self.samples)


@dataclass
class Series:
    engine: str
    program: str
    level: str
    points: List[Point]
    changes: List[changepoints.ChangePoint] = field(default_factory=list)

    @property
    def label(self) -> str:
        return "/".join(p for p in (self.engine, self.program, self.level) if p)


def _moment(stamp: Optional[str]) -> Optional[datetime.datetime]:
    if not stamp:
        return None
    return datetime.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=datetime.timezone.utc)


def choose_machine(store: Store, metric: str, wanted: Optional[str]) -> Tuple[Optional[str],
                                                                              List[str]]:
    """(identity to chart, notes): `wanted` (a prefix of an identity, or 'all' for every
    machine), else the machine with the most runs of `metric`, naming the others."""
    machines = store.machines(metric)
    if not machines:
        raise cli.Failure(cli.EXIT_DATA, f"the history holds no {metric} measurements")
    if wanted == "all":
        return None, [f"{len(machines)} machine(s) pooled (--machine all)"]
    if wanted:
        matches = [m for m in machines if m[0].startswith(wanted)]
        if len(matches) != 1:
            raise cli.Failure(cli.EXIT_USAGE, f"--machine {wanted}: "
                                              f"{'no' if not matches else 'more than one'} machine "
                                              f"of the history matches (scripts/history machines)")
        return matches[0][0], []
    notes = []
    if len(machines) > 1:
        notes.append(f"machine {machines[0][0]} ({machines[0][2]} runs) charted; "
                     f"{len(machines) - 1} other machine(s) left out: "
                     + ", ".join(m[0] for m in machines[1:])
                     + " (--machine ID or --machine all)")
    return machines[0][0], notes


def build(store: Store, metric: str, phase: str, level: str, machine: Optional[str],
          detect: bool = True,
          min_change: float = changepoints.DEFAULT_MIN_CHANGE) -> List[Series]:
    """Every series of `metric` in `phase` at `level` ('all': every level) on `machine`."""
    grouped: Dict[Tuple[str, str, str], Dict[str, Point]] = {}
    for sha, committed_at, run_at, engine, program, lvl, value in store.measurements(
            metric, phase, machine):
        if level != "all" and lvl != level:
            continue
        points = grouped.setdefault((engine, program, lvl), {})
        if sha not in points:
            when = _moment(committed_at) or _moment(run_at) or datetime.datetime.fromtimestamp(
                0, datetime.timezone.utc)
            points[sha] = Point(sha, when, committed_at is not None, [])
        points[sha].samples.append(value)
    out = []
    for (engine, program, lvl), points in grouped.items():
        ordered = sorted(points.values(), key=lambda p: (p.date, p.commit))
        series = Series(engine, program, lvl, ordered)
        if detect:
            series.changes = changepoints.detect([p.median for p in ordered],
                                                 min_change=min_change)
        out.append(series)
    out.sort(key=lambda s: (s.program, s.engine, names.level_key(s.level)))
    return out
