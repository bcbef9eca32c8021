"""What the report shows, computed once from a Results: speed-ups over the reference, rankings,
the engine x level matrix, compile costs, and the warnings a reader should see first."""
import math
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from . import results, stats

# The reference every speed-up is measured against: the plain interpreter, unoptimized.
REFERENCE_ENGINE, REFERENCE_LEVEL = "naive", "O0"
HIGH_CV = 0.05        # run-to-run noise above 5% is worth a warning
MIN_REPETITIONS = 5   # fewer cannot reach p < 0.05 with a Mann-Whitney U test against 5


@dataclass
class Entry:
    engine: str
    level: str
    bench: results.Benchmark
    speedup: Optional[float] = None
    speedup_sd: Optional[float] = None


@dataclass
class Ranked:
    engine: str
    level: str
    speedup: float        # geometric mean over programs
    spread: float         # its standard deviation, from the per-program spreads
    programs: int


def program_entries(res: results.Results, program: str) -> List[Entry]:
    """Every run benchmark of one program, fastest first, with its speed-up over the reference."""
    reference = res.get("run", REFERENCE_ENGINE, program, REFERENCE_LEVEL)
    entries = []
    for engine in res.engines("run"):
        for level in res.levels("run"):
            bench = res.get("run", engine, program, level)
            if bench is None or not bench.ok:
                continue
            entry = Entry(engine, level, bench)
            if reference is not None and reference.ok:
                entry.speedup, entry.speedup_sd = stats.ratio_spread(
                    reference.mean, reference.stddev, bench.mean, bench.stddev)
            entries.append(entry)
    entries.sort(key=lambda e: e.bench.mean)
    return entries


Matrix = List[List[Optional[float]]]


def speedup_matrix(res: results.Results) -> Tuple[List[str], List[str], Matrix]:
    """engines x levels -> geometric mean over programs of the speed-up over the reference,
    using only programs that every cell has (so cells compare like with like)."""
    engines, levels = res.engines("run"), res.levels("run")
    per_cell: Dict[Tuple[str, str], Dict[str, float]] = {}
    for program in res.programs("run"):
        for entry in program_entries(res, program):
            if entry.speedup is not None:
                per_cell.setdefault((entry.engine, entry.level), {})[program] = entry.speedup
    matrix = []
    for engine in engines:
        row = []
        for level in levels:
            values = per_cell.get((engine, level), {})
            row.append(stats.geomean(list(values.values())) if values else None)
        matrix.append(row)
    return engines, levels, matrix


def ranking(res: results.Results) -> List[Ranked]:
    """Every engine/level by geometric-mean speed-up over the programs it ran, best first."""
    cells: Dict[Tuple[str, str], List[Tuple[float, float]]] = {}
    for program in res.programs("run"):
        for entry in program_entries(res, program):
            if entry.speedup is not None:
                cells.setdefault((entry.engine, entry.level), []).append(
                    (entry.speedup, entry.speedup_sd))
    out = []
    for (engine, level), values in cells.items():
        mean = stats.geomean([v for v, _ in values])
        # Relative spreads add in quadrature through the log; a geomean of n divides by n.
        relative = math.sqrt(sum((sd / v) ** 2 for v, sd in values)) / len(values)
        out.append(Ranked(engine, level, mean, mean * relative, len(values)))
    out.sort(key=lambda r: -r.speedup)
    return out


def jit_engines(res: results.Results) -> List[str]:
    """Engines that report generated code (a code_bytes counter above zero)."""
    found = []
    for bench in res.benchmarks.values():
        if bench.name.engine and bench.counters.get("code_bytes", 0) > 0:
            if bench.name.engine not in found:
                found.append(bench.name.engine)
    return [e for e in res.engines() if e in found]


def warnings(res: results.Results) -> List[str]:
    out = []
    for bench in res.failed():
        out.append(f"{bench.name.full} failed: {bench.error}")
    if str(res.context.get("library_build_type", "")).lower() == "debug":
        out.append("Google Benchmark's library is a debug build (Debian's package): its own "
                   "overhead is included in the shortest times")
    noisy = [b for b in res.benchmarks.values() if b.ok and len(b.samples) >= 2 and b.cv > HIGH_CV]
    if noisy:
        worst = max(noisy, key=lambda b: b.cv)
        out.append(f"{len(noisy)} benchmark(s) vary by more than {HIGH_CV:.0%} between "
                   f"repetitions (worst {worst.name.full}: {worst.cv:.1%}): a busy machine or "
                   f"benchmarks that vary by themselves -- rerun them with more repetitions, "
                   f"on an idle machine")
    counts = {len(b.samples) for b in res.benchmarks.values() if b.ok}
    if counts and min(counts) < MIN_REPETITIONS:
        out.append(f"some benchmarks have only {min(counts)} repetition(s): spreads are rough and "
                   f"comparisons cannot be significant; use --benchmark_repetitions="
                   f"{MIN_REPETITIONS} or more")
    missing = [p for p in res.programs("run")
               if res.get("run", REFERENCE_ENGINE, p, REFERENCE_LEVEL) is None]
    if missing:
        out.append(f"no {REFERENCE_ENGINE} {REFERENCE_LEVEL} run for {', '.join(missing)}: no "
                   f"speed-ups there")
    return out
