"""What the report shows, computed once from a Results: three labelled questions, each a ranking
with 95% intervals and ties, plus the engine x level matrix and the warnings a reader sees first.

- run time: the prepared executable alone (`run/`), per program, and the geometric-mean speed-up
  over the reference across programs;
- compile time: parse + optimize + the engine's compile (`compile/`), every level;
- one execution: compile + run once (`compile/` + `run/` means), with the break-even number of
  executions after which an engine's compile has paid off (see break_even).
"""
import math
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from . import intervals, ranks, results
from .intervals import Estimate

# The reference every speed-up is measured against: the plain interpreter, unoptimized.
REFERENCE_ENGINE, REFERENCE_LEVEL = "naive", "O0"

RUN_TIME = "run time"
PROCESS_TIME = "process time"
COMPILE_TIME = "compile time"
ONE_EXECUTION = "compile + run, one execution"
QUESTIONS = {
    RUN_TIME: "Which engine and level runs a prepared program fastest? (run/: the executable "
              "alone, compile excluded)",
    COMPILE_TIME: "Which engine and level prepares a program fastest? (compile/: parse + "
                  "optimize + the engine's compile, every level)",
    ONE_EXECUTION: "Which is fastest when a program is compiled and run once? (mean of compile/ "
                   "+ mean of run/), and after how many executions does a compile pay off?",
    PROCESS_TIME: "How do other Brainf*ck implementations compare with ours? (process/: one whole "
                  "child process per run -- start-up, compile and run -- for external engines and "
                  "for a `bfbench run` of ours alike; every output checked against the manifest)",
}


@dataclass
class Entry:
    """One engine at one level in one ranking."""
    engine: str
    level: str
    estimate: Estimate                 # the quantity ranked (a time, or a speed-up)
    benches: List[results.Benchmark]   # what it was computed from
    rank: int = 0
    tied: bool = False
    speedup: Optional[Estimate] = None  # over the reference, for run times
    break_even: Optional[str] = None    # one execution: when the compile pays off
    programs: int = 1                   # overall ranking: programs it covers

    @property
    def bench(self) -> results.Benchmark:
        return self.benches[-1]

    @property
    def rank_label(self) -> str:
        return ranks.label(self.rank, self.tied)


def _ranked(entries: List[Entry], lower_is_better: bool = True) -> List[Entry]:
    for entry, (rank, tied) in zip(entries, ranks.tied_ranks(
            [e.estimate for e in entries], lower_is_better)):
        entry.rank, entry.tied = rank, tied
    sign = 1 if lower_is_better else -1
    return sorted(entries, key=lambda e: (e.rank, sign * e.estimate.value))


def _ok(res: results.Results, phase: str, engine: str, program: str, level: str):
    bench = res.get(phase, engine, program, level)
    return bench if bench is not None and bench.ok else None


def _cells(res: results.Results, phase: str, program: str):
    for engine in res.engines(phase):
        for level in res.levels(phase):
            bench = _ok(res, phase, engine, program, level)
            if bench is not None:
                yield engine, level, bench


VERDICTS = ("wrong", "crash", "timeout")


def verdict(bench: results.Benchmark) -> str:
    """ok, or the verdict a failed process/ run's message starts with (wrong, crash, timeout)."""
    if bench.error is None:
        return "ok"
    return next((v for v in VERDICTS if bench.error.startswith(v)), "failed")


def process_benches(res: results.Results, program: str) -> List[results.Benchmark]:
    return [b for b in res.benchmarks.values()
            if b.name.phase == "process" and b.name.program == program]


def process_entries(res: results.Results, program: str) -> List[Entry]:
    """Process time: external engines and our `bfbench run` children in one ranking (those that
    ran correctly; the failed ones are listed with their verdicts beside it)."""
    return _ranked([Entry(b.name.engine, b.name.level or "(external)", intervals.mean(b.samples),
                          [b]) for b in process_benches(res, program) if b.ok])


def program_entries(res: results.Results, program: str) -> List[Entry]:
    """Run time: every run benchmark of one program, ranked, with its speed-up over the reference
    (mean of the reference's repetitions / mean of this one's)."""
    reference = _ok(res, "run", REFERENCE_ENGINE, program, REFERENCE_LEVEL)
    entries = []
    for engine, level, bench in _cells(res, "run", program):
        entry = Entry(engine, level, intervals.mean(bench.samples), [bench])
        if reference is not None:
            entry.speedup = intervals.ratio_of_means(reference.samples, bench.samples)
        entries.append(entry)
    return _ranked(entries)


def compile_entries(res: results.Results, program: str) -> List[Entry]:
    """Compile time: every compile benchmark of one program (every level), ranked."""
    return _ranked([Entry(engine, level, intervals.mean(bench.samples), [bench])
                    for engine, level, bench in _cells(res, "compile", program)])


def one_execution_entries(res: results.Results, program: str) -> List[Entry]:
    """Compile + run once, for each engine/level that has both, ranked; with break_even."""
    entries = []
    for engine, level, run in _cells(res, "run", program):
        compile_bench = _ok(res, "compile", engine, program, level)
        if compile_bench is not None:
            entries.append(Entry(engine, level,
                                 intervals.sum_of_means(compile_bench.samples, run.samples),
                                 [compile_bench, run]))
    entries = _ranked(entries)
    code_generators = set(jit_engines(res))
    baseline = min((e for e in entries if e.engine not in code_generators),
                   key=lambda e: e.estimate.value, default=None)
    for entry in entries:
        entry.break_even = break_even(entry, baseline)
    return entries


def break_even(entry: Entry, baseline: Optional[Entry]) -> str:
    """After how many executions of one compiled program `entry` costs no more in total than the
    baseline (the fastest engine/level without generated code, for one execution):
    the smallest n with c + n*r <= c_b + n*r_b, i.e. ceil((c - c_b) / (r_b - r)), from the means
    of compile (c) and run (r)."""
    if baseline is None:
        return "no engine without generated code to compare with"
    if entry is baseline:
        return f"the baseline ({entry.engine} {entry.level})"
    compile_time, run_time = entry.benches[0].mean, entry.benches[1].mean
    base_compile, base_run = baseline.benches[0].mean, baseline.benches[1].mean
    if compile_time + run_time <= base_compile + base_run:
        return "from the 1st run"
    if run_time >= base_run:
        return "never (runs no faster than the baseline)"
    runs = math.ceil((compile_time - base_compile) / (base_run - run_time))
    return f"after {runs:,} runs"


def ranking(res: results.Results) -> List[Entry]:
    """Run time over all programs: each engine/level by the geometric mean of its per-program
    speed-ups over the reference (programs it and the reference both ran), best first."""
    pairs: Dict[Tuple[str, str], list] = {}
    for program in res.programs("run"):
        reference = _ok(res, "run", REFERENCE_ENGINE, program, REFERENCE_LEVEL)
        if reference is None:
            continue
        for engine, level, bench in _cells(res, "run", program):
            pairs.setdefault((engine, level), []).append((reference, bench))
    entries = []
    for (engine, level), found in pairs.items():
        estimate = intervals.geomean_of_ratios([(r.samples, b.samples) for r, b in found])
        entries.append(Entry(engine, level, estimate, [b for _, b in found],
                             programs=len(found)))
    return _ranked(entries, lower_is_better=False)


Matrix = List[List[Optional[float]]]


def speedup_matrix(res: results.Results) -> Tuple[List[str], List[str], Matrix]:
    """engines x levels -> geometric mean over programs of the speed-up over the reference."""
    by_cell = {(e.engine, e.level): e.estimate.value for e in ranking(res)}
    engines, levels = res.engines("run"), res.levels("run")
    return engines, levels, [[by_cell.get((e, l)) for l in levels] for e in engines]


def jit_engines(res: results.Results) -> List[str]:
    """Engines that report generated code (a code_bytes counter above zero)."""
    found = []
    for bench in res.benchmarks.values():
        if bench.name.engine and bench.counters.get("code_bytes", 0) > 0:
            if bench.name.engine not in found:
                found.append(bench.name.engine)
    return [e for e in res.engines() if e in found]


def warnings(res: results.Results) -> List[str]:
    """The run's warnings: bfbench decides them once (cli/driver/warnings.cpp) and writes them into
    the results file, so the report shows exactly what the console showed. A file without them
    gets its failures listed and a line that says why there is nothing more."""
    if res.warnings is not None:
        return list(res.warnings)
    out = [f"{res.path} carries no warnings from bfbench (an older file, or not written by "
           f"bfbench): failures are listed, but repetitions and noise were not judged"]
    for bench in res.failed():
        out.append(f"{bench.name.full} failed: {bench.error}")
    return out