"""Estimates with 95% bootstrap confidence intervals (scipy): the mean of a benchmark's
repetitions, a speed-up (ratio of two means), the sum of two means (compile + run), and a
geometric mean of speed-ups over programs.

Every interval is a percentile bootstrap (scipy.stats.bootstrap, independent resampling of each
sample set, a fixed seed so that the same file gives the same report). A set with fewer than
MIN_SAMPLES repetitions gets no interval: a resample of 1 or 2 values has at most 3 distinct
means, so the "interval" would be an artefact. With 3-5 samples the percentile interval is still
narrower than the truth (it undercovers); the report says so where it shows n.
"""
from dataclasses import dataclass
from typing import Callable, Optional, Sequence

import numpy
from scipy import stats as _scipy_stats

CONFIDENCE = 0.95
MIN_SAMPLES = 3
_RESAMPLES = 4999
_SEED = 12


@dataclass(frozen=True)
class Estimate:
    value: float
    low: Optional[float] = None     # the 95% interval, when there are enough samples
    high: Optional[float] = None
    n: int = 0                      # the smallest sample count that went into it
    missing: str = ""               # why there is no interval ("no interval: n < 3"), else ""

    @property
    def has_interval(self) -> bool:
        return self.low is not None

    def overlaps(self, other: "Estimate") -> bool:
        """Whether the two intervals (a point when there is none) share any value."""
        return self.bounds()[0] <= other.bounds()[1] and other.bounds()[0] <= self.bounds()[1]

    def bounds(self):
        return (self.low, self.high) if self.has_interval else (self.value, self.value)


def _why_missing(counts: Sequence[int]) -> str:
    small = min(counts)
    return f"no interval: n < {MIN_SAMPLES}" if small < MIN_SAMPLES else ""


def _bootstrap(samples: Sequence[Sequence[float]], statistic: Callable, value: float) -> Estimate:
    counts = [len(s) for s in samples]
    missing = _why_missing(counts)
    if missing:
        return Estimate(value, n=min(counts), missing=missing)
    data = tuple(numpy.asarray(s, dtype=float) for s in samples)
    if all(numpy.all(s == s[0]) for s in data):
        return Estimate(value, value, value, min(counts))  # constants: nothing to resample
    result = _scipy_stats.bootstrap(data, statistic, vectorized=True, paired=False,
                                    confidence_level=CONFIDENCE, n_resamples=_RESAMPLES,
                                    method="percentile",
                                    random_state=numpy.random.default_rng(_SEED))
    low, high = result.confidence_interval
    return Estimate(value, float(low), float(high), min(counts))


def mean(samples: Sequence[float]) -> Estimate:
    """The mean of one benchmark's repetitions."""
    return _bootstrap([samples], lambda s, axis: numpy.mean(s, axis=axis),
                      float(numpy.mean(samples)))


def ratio_of_means(numerator: Sequence[float], denominator: Sequence[float]) -> Estimate:
    """mean(numerator) / mean(denominator): a speed-up when the numerator is the reference."""
    return _bootstrap([numerator, denominator],
                      lambda a, b, axis: numpy.mean(a, axis=axis) / numpy.mean(b, axis=axis),
                      float(numpy.mean(numerator) / numpy.mean(denominator)))


def sum_of_means(first: Sequence[float], second: Sequence[float]) -> Estimate:
    """mean(first) + mean(second): compile once, then run once."""
    return _bootstrap([first, second],
                      lambda a, b, axis: numpy.mean(a, axis=axis) + numpy.mean(b, axis=axis),
                      float(numpy.mean(first) + numpy.mean(second)))


def geomean_of_ratios(pairs: Sequence[tuple]) -> Estimate:
    """The geometric mean over programs of mean(reference) / mean(candidate), each of the
    2 x programs sample sets resampled on its own. pairs: [(reference samples, samples), ...]."""
    flat = [s for pair in pairs for s in pair]

    def statistic(*sets, axis):
        logs = [numpy.log(numpy.mean(sets[i], axis=axis) / numpy.mean(sets[i + 1], axis=axis))
                for i in range(0, len(sets), 2)]
        return numpy.exp(numpy.mean(logs, axis=0))

    value = float(numpy.exp(numpy.mean([numpy.log(numpy.mean(a) / numpy.mean(b))
                                        for a, b in pairs])))
    return _bootstrap(flat, statistic, value)
