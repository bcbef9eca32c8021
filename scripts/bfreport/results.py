"""Loads result files: Google Benchmark JSON from `bfbench` (times) and the gate's instruction
counts.

Both become a Results: an ordered set of Benchmarks, each with its samples (one per repetition),
its counters and any error, plus the file's context (machine, commit, compiler, ...).
"""
import json
import math
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

from . import names
from .cli import EXIT_CANNOT_READ, EXIT_DATA, Failure

TIME_UNITS = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}
INSTRUCTIONS_FORMAT = "bfbench-instructions/1"


@dataclass
class Benchmark:
    name: names.Name
    unit: str                                  # "s" (seconds per run) or "instructions"
    samples: List[float] = field(default_factory=list)   # one per repetition
    counters: Dict[str, float] = field(default_factory=dict)
    error: Optional[str] = None
    aggregate_stddev: Optional[float] = None   # when the file holds aggregates only

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.samples)

    @property
    def mean(self) -> float:
        return statistics.fmean(self.samples)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def stddev(self) -> float:
        if len(self.samples) >= 2:
            return statistics.stdev(self.samples)
        return self.aggregate_stddev or 0.0

    @property
    def cv(self) -> float:
        """Coefficient of variation (stddev / mean): the run-to-run noise as a fraction."""
        return self.stddev / self.mean if self.mean > 0 else 0.0


@dataclass
class Results:
    path: str
    kind: str                                  # "time" or "instructions"
    context: Dict[str, object]
    benchmarks: Dict[str, Benchmark]           # by normalized name, in file order
    # The run's warnings as bfbench wrote them (cli/driver/warnings.cpp), the same lines its
    # console summary printed; None for a file without them (older, or not from bfbench).
    warnings: Optional[List[str]] = None

    def get(self, phase, engine, program, level) -> Optional[Benchmark]:
        key = f"{phase}/{engine}/{program}/{level}" if engine else f"{phase}/{program}/{level}"
        return self.benchmarks.get(key)

    def _distinct(self, attribute, phase) -> List[str]:
        seen = {}
        for bench in self.benchmarks.values():
            value = getattr(bench.name, attribute)
            if value is not None and (phase is None or bench.name.phase == phase):
                seen.setdefault(value, None)
        return list(seen)

    def engines(self, phase: Optional[str] = None) -> List[str]:
        """Engines in the order the file lists them (bfbench follows the registry's order)."""
        return self._distinct("engine", phase)

    def programs(self, phase: Optional[str] = None) -> List[str]:
        return self._distinct("program", phase)

    def levels(self, phase: Optional[str] = None) -> List[str]:
        return sorted(self._distinct("level", phase), key=names.level_key)

    def failed(self) -> List[Benchmark]:
        return [b for b in self.benchmarks.values() if b.error is not None]


def _number(value) -> Optional[float]:
    return float(value) if isinstance(value, (int, float)) and math.isfinite(value) else None


# Keys of a Google Benchmark row that are not user counters.
_ROW_KEYS = {
    "name", "family_index", "per_family_instance_index", "run_name", "run_type", "repetitions",
    "repetition_index", "threads", "iterations", "real_time", "cpu_time", "time_unit",
    "aggregate_name", "aggregate_unit", "error_occurred", "error_message", "label",
    "bytes_per_second", "items_per_second", "big_o", "rms", "instructions",
}


def _counters(row) -> Dict[str, float]:
    return {k: float(v) for k, v in row.items()
            if k not in _ROW_KEYS and _number(v) is not None}


def _from_benchmark_rows(rows, metric: str) -> Dict[str, Benchmark]:
    benchmarks: Dict[str, Benchmark] = {}
    aggregates: Dict[str, Dict[str, dict]] = {}
    for row in rows:
        if not isinstance(row, dict) or "name" not in row:
            raise ValueError("a benchmark entry has no name")
        name = names.parse(row.get("run_name", row["name"]))
        bench = benchmarks.setdefault(name.full, Benchmark(name, "s"))
        if row.get("run_type") == "aggregate":
            aggregates.setdefault(name.full, {})[row.get("aggregate_name", "")] = row
            continue
        if row.get("error_occurred"):
            bench.error = row.get("error_message") or "failed"
            continue
        scale = TIME_UNITS.get(row.get("time_unit", "ns"))
        value = _number(row.get(metric))
        if scale is None or value is None:
            raise ValueError(f"{row['name']}: no usable {metric}/time_unit")
        bench.samples.append(value * scale)
        if not bench.counters:
            bench.counters = _counters(row)
    # Files written with --benchmark_report_aggregates_only hold no per-repetition rows.
    for key, rows_by_kind in aggregates.items():
        bench = benchmarks[key]
        if bench.samples or bench.error:
            continue
        mean = rows_by_kind.get("mean")
        if mean is None:
            continue
        scale = TIME_UNITS.get(mean.get("time_unit", "ns"), 1e-9)
        bench.samples.append(float(mean[metric]) * scale)
        bench.counters = _counters(mean)
        if "stddev" in rows_by_kind:
            bench.aggregate_stddev = float(rows_by_kind["stddev"][metric]) * scale
    return benchmarks


def _from_instruction_rows(rows) -> Dict[str, Benchmark]:
    benchmarks: Dict[str, Benchmark] = {}
    for row in rows:
        name = names.parse(row["name"])
        value = _number(row.get("instructions"))
        if value is None:
            raise ValueError(f"{row['name']}: no instruction count")
        benchmarks[name.full] = Benchmark(name, "instructions", [value], _counters(row))
    return benchmarks


def parse(data, path: str = "<data>", metric: str = "real_time") -> Results:
    """Results from an already-decoded JSON document. Raises ValueError when it is not one."""
    if not isinstance(data, dict) or not isinstance(data.get("benchmarks"), list):
        raise ValueError("not a Google Benchmark JSON file (no \"benchmarks\" list)")
    context = data.get("context") if isinstance(data.get("context"), dict) else {}
    rows = data["benchmarks"]
    if data.get("format") == INSTRUCTIONS_FORMAT:
        return Results(path, "instructions", context, _from_instruction_rows(rows))
    warnings = data.get("warnings")
    if warnings is not None and not (isinstance(warnings, list)
                                     and all(isinstance(w, str) for w in warnings)):
        raise ValueError("\"warnings\" is not a list of strings")
    return Results(path, "time", context, _from_benchmark_rows(rows, metric), warnings)


def load(path, metric: str = "real_time") -> Results:
    """Reads a results file; a missing or malformed file is a Failure with a one-line message."""
    path = str(path)
    try:
        text = Path(path).read_text()
    except OSError as error:
        raise Failure(EXIT_CANNOT_READ, f"{path}: cannot read: {error.strerror}")
    try:
        data = json.loads(text)
    except ValueError as error:
        raise Failure(EXIT_DATA, f"{path}: not JSON: {error}")
    try:
        results = parse(data, path, metric)
    except (ValueError, KeyError, TypeError) as error:
        raise Failure(EXIT_DATA, f"{path}: {error}")
    if not results.benchmarks:
        raise Failure(EXIT_DATA, f"{path}: holds no benchmarks")
    return results
