"""Change points of a series (one value per commit): E-divisive means.

The method of D. S. Matteson and N. A. James, "A Nonparametric Approach for Multiple Change Point
Analysis of Multivariate Data", JASA 109 (2014) 334-345, for one dimension with alpha = 1 (the
variant MongoDB runs over its CI performance results: Daly et al., ICPE 2020). A split of a
segment into X = x[lo:t] and Y = x[t:hi] scores

    Q(t) = m k / (m + k) * (2/(m k) sum|x_i - y_j| - sum_{i<j}|x_i - x_j| / C(m, 2)
                                                   - sum_{i<j}|y_i - y_j| / C(k, 2))

(the energy distance between the two sides, scaled by their sizes). Hierarchically: the best
split over all current segments is tested by permutation (each segment's values shuffled within
it, `permutations` times, a fixed seed); while its p-value is below `alpha` it becomes a change
point and the search goes on. Segments hold at least `min_size` values, so one noisy commit cannot
be a segment: a shift is reported once `min_size` commits show it. Among many series a few
significant but tiny shifts turn up by chance (alpha per series); a change point whose medians
differ by less than `min_change` (relative) is left out of the result.
"""
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

import numpy

DEFAULT_ALPHA = 0.05
DEFAULT_PERMUTATIONS = 199   # R = 199 as in Matteson and James' examples
DEFAULT_MIN_SIZE = 3
DEFAULT_MIN_CHANGE = 0.02
_SEED = 2014


@dataclass
class ChangePoint:
    index: int          # the first value of the new level
    p_value: float
    before: float       # median of the segment before
    after: float        # median of the segment after

    @property
    def ratio(self) -> Optional[float]:
        return self.after / self.before if self.before else None


def _best_split(values: numpy.ndarray, min_size: int) -> Tuple[Optional[int], float]:
    """(t, Q(t)) of the split of `values` with the largest Q; (None, 0) when too short."""
    n = len(values)
    if n < 2 * min_size:
        return None, 0.0
    distances = numpy.abs(values[:, None] - values[None, :])
    # prefix[i, j] = sum of distances[:i, :j]: any block sum in O(1).
    prefix = numpy.zeros((n + 1, n + 1))
    prefix[1:, 1:] = distances.cumsum(0).cumsum(1)

    def block(a, b, c, d):
        return prefix[b, d] - prefix[a, d] - prefix[b, c] + prefix[a, c]

    best_t, best_q = None, -numpy.inf
    for t in range(min_size, n - min_size + 1):
        m, k = t, n - t
        between = block(0, t, t, n)
        within_x = block(0, t, 0, t) / 2
        within_y = block(t, n, t, n) / 2
        energy = (2 * between / (m * k) - within_x / (m * (m - 1) / 2)
                  - within_y / (k * (k - 1) / 2))
        q = m * k / (m + k) * energy
        if q > best_q:
            best_t, best_q = t, q
    return best_t, float(best_q)


def _best_over(values: numpy.ndarray, bounds: List[int], min_size: int):
    """(segment start, split index, Q) of the best split over the segments between bounds."""
    best = (None, None, -numpy.inf)
    for lo, hi in zip(bounds, bounds[1:]):
        t, q = _best_split(values[lo:hi], min_size)
        if t is not None and q > best[2]:
            best = (lo, lo + t, q)
    return best


def detect(series: Sequence[float], alpha: float = DEFAULT_ALPHA,
           permutations: int = DEFAULT_PERMUTATIONS,
           min_size: int = DEFAULT_MIN_SIZE,
           min_change: float = DEFAULT_MIN_CHANGE) -> List[ChangePoint]:
    """The change points of `series`, in order of position."""
    if min_size < 2:
        raise ValueError("min_size must be at least 2 (a segment's spread needs two values)")
    values = numpy.asarray(series, dtype=float)
    if len(values) < 2 * min_size or numpy.all(values == values[0]):
        return []
    rng = numpy.random.default_rng(_SEED)
    bounds = [0, len(values)]
    found = {}
    while True:
        _, split, q = _best_over(values, bounds, min_size)
        if split is None or q <= 0:
            break
        at_least_as_large = 0
        for _ in range(permutations):
            shuffled = values.copy()
            for lo, hi in zip(bounds, bounds[1:]):
                shuffled[lo:hi] = rng.permutation(shuffled[lo:hi])
            if _best_over(shuffled, bounds, min_size)[2] >= q:
                at_least_as_large += 1
        p_value = (at_least_as_large + 1) / (permutations + 1)
        if p_value >= alpha:
            break
        found[split] = p_value
        bounds = sorted(bounds + [split])
    out = []
    for split, p_value in sorted(found.items()):
        position = bounds.index(split)
        before = values[bounds[position - 1]:split]
        after = values[split:bounds[position + 1]]
        point = ChangePoint(split, p_value, float(numpy.median(before)),
                            float(numpy.median(after)))
        if point.ratio is None or abs(point.ratio - 1) >= min_change:
            out.append(point)
    return out
