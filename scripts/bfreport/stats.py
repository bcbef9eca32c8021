"""Statistics the reports use: geometric means, speed-ups with their spread, Mann-Whitney U,
bootstrap intervals of a change."""
import math
from typing import Optional, Sequence, Tuple

import numpy
from scipy import stats as _scipy_stats

# A fixed seed: the same two files give the same interval on every run (and in every test).
_BOOTSTRAP_SEED = 12


def geomean(values: Sequence[float]) -> Optional[float]:
    values = [v for v in values if v is not None and v > 0]
    if not values:
        return None
    return math.exp(sum(math.log(v) for v in values) / len(values))


def ratio_spread(numerator: float, numerator_sd: float,
                 denominator: float, denominator_sd: float) -> Tuple[float, float]:
    """numerator/denominator and its standard deviation, from the relative errors (first order)."""
    ratio = numerator / denominator
    relative = math.hypot(numerator_sd / numerator if numerator else 0.0,
                          denominator_sd / denominator if denominator else 0.0)
    return ratio, ratio * relative


def mann_whitney(a: Sequence[float], b: Sequence[float]) -> Optional[float]:
    """Two-sided p-value that samples a and b come from the same distribution; None when either
    side has fewer than two samples (a single run says nothing about noise)."""
    if len(a) < 2 or len(b) < 2:
        return None
    if len(set(a) | set(b)) == 1:
        return 1.0  # identical constants: no evidence of a difference
    return float(_scipy_stats.mannwhitneyu(a, b, alternative="two-sided").pvalue)


def smallest_p(n1: int, n2: int) -> float:
    """The smallest two-sided p-value an exact Mann-Whitney U test can give with these sample
    sizes (the samples do not overlap at all): 2 / C(n1+n2, n1). With 3 against 3 it is 0.1, so
    3 repetitions can never be significant at 0.05."""
    if n1 < 1 or n2 < 1:
        return 1.0
    return min(1.0, 2.0 / math.comb(n1 + n2, n1))


def _median_ratio(base, new, axis):
    return numpy.median(new, axis=axis) / numpy.median(base, axis=axis)


def ratio_interval(base: Sequence[float], new: Sequence[float],
                   confidence: float = 0.95) -> Optional[Tuple[float, float]]:
    """A percentile-bootstrap confidence interval of median(new) / median(base), each sample set
    resampled on its own (scipy.stats.bootstrap, 9999 resamples, a fixed seed). None when either
    side has fewer than two samples or a median of 0. With few samples the interval is too narrow
    (a resample of 2 values has only 3 medians), which is why rows whose counts cannot reach
    significance are marked apart."""
    if len(base) < 2 or len(new) < 2 or min(base) <= 0:
        return None
    result = _scipy_stats.bootstrap((list(base), list(new)), _median_ratio, vectorized=True,
                                    paired=False, confidence_level=confidence,
                                    method="percentile",
                                    random_state=numpy.random.default_rng(_BOOTSTRAP_SEED))
    low, high = result.confidence_interval
    return float(low), float(high)
