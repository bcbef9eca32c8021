"""Result files in the formats other trackers read (scripts/history export):

- `github-action-benchmark`: its "customSmallerIsBetter" input, a list of
  {name, unit, value, range?, extra?}; one entry per benchmark and measure.
- `bencher`: Bencher Metric Format, {benchmark: {measure: {value, lower_value?, upper_value?}}},
  with time (`latency`, nanoseconds), `instructions` and `code-size` (bytes) as separate measures.

Times are the median of the repetitions (real_time), bounded by the smallest and largest one.
Several files (a bfbench run and the gate's counts) merge into one document.
"""
import json
import sys
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

from . import cli, results

# (measure, unit, value, low, high) of a benchmark.
Measure = Tuple[str, str, float, float, float]
CODE_SIZE = "code-size"


def _measures(bench: results.Benchmark) -> Iterator[Measure]:
    if bench.unit == "instructions":
        yield "instructions", "instructions", bench.median, min(bench.samples), \
            max(bench.samples)
    else:
        yield "latency", "ns", bench.median * 1e9, min(bench.samples) * 1e9, \
            max(bench.samples) * 1e9
    code = bench.counters.get("code_bytes")
    if code and bench.name.phase == "compile":   # the size a compile produced; 0: no code
        yield CODE_SIZE, "bytes", code, code, code


def _benchmarks(files: List[str]) -> Iterator[Tuple[results.Benchmark, str]]:
    for path in files:
        res = results.load(path)
        commit = str(res.context.get("git_commit", "") or "")
        for bench in res.benchmarks.values():
            if bench.ok:
                yield bench, commit


def github_action_benchmark(files: List[str]) -> List[dict]:
    out = []
    for bench, commit in _benchmarks(files):
        for measure, unit, value, low, high in _measures(bench):
            entry = {"name": bench.name.full if measure != CODE_SIZE
                     else f"{bench.name.full} code size",
                     "unit": unit, "value": value}
            if len(bench.samples) > 1 and measure != CODE_SIZE:
                entry["range"] = f"{low:.6g} .. {high:.6g}"
            entry["extra"] = f"{len(bench.samples)} sample(s); commit {commit or 'unknown'}"
            out.append(entry)
    return out


def bencher(files: List[str]) -> Dict[str, Dict[str, dict]]:
    out: Dict[str, Dict[str, dict]] = {}
    for bench, _ in _benchmarks(files):
        for measure, _, value, low, high in _measures(bench):
            metric = {"value": value}
            if low != high:
                metric.update(lower_value=low, upper_value=high)
            out.setdefault(bench.name.full, {})[measure] = metric
    return out


FORMATS = {"github-action-benchmark": github_action_benchmark, "bencher": bencher}


def main(args) -> int:
    document = FORMATS[args.format](args.files)
    text = json.dumps(document, indent=1) + "\n"
    if args.out == "-":
        sys.stdout.write(text)
        return cli.EXIT_OK
    try:
        Path(args.out).write_text(text)
    except OSError as error:
        raise cli.Failure(cli.EXIT_CANNOT_WRITE, f"{args.out}: cannot write: {error.strerror}")
    return cli.EXIT_OK
