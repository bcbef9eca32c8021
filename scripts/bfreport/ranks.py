"""Ranks that do not claim more than the intervals know: an entry's rank is 1 + the number of
entries that are better beyond doubt (their whole 95% interval lies on the better side of its
interval), so entries whose intervals overlap share a rank and are marked as ties ("=2")."""
from typing import List, Sequence, Tuple

from .intervals import Estimate


def tied_ranks(estimates: Sequence[Estimate], lower_is_better: bool) -> List[Tuple[int, bool]]:
    """(rank, tied) for each estimate, in the given order. An estimate without an interval counts
    as the point it is (its row says why it has no interval)."""
    def better(a: Estimate, b: Estimate) -> bool:
        if lower_is_better:
            return a.bounds()[1] < b.bounds()[0]
        return a.bounds()[0] > b.bounds()[1]

    ranks = [1 + sum(better(other, e) for other in estimates) for e in estimates]
    return [(rank, ranks.count(rank) > 1) for rank in ranks]


def label(rank: int, tied: bool) -> str:
    return f"={rank}" if tied else str(rank)
