"""The regression gate's fixed workload: which (program, level) each available engine measures.

Chosen so the whole gate stays under ~5 minutes on 2 cores under callgrind (which runs code about
40x slower than natively) while still exercising every part that can regress:
  * small team programs at O0 and O3: every op kind unoptimized and optimized, I/O, the parser;
  * hanoi, long and bench at O3: real programs that the optimizer makes fast on every engine
    (at O0 they take seconds natively, minutes under callgrind);
  * mandelbrot and factor at O3, optimize and compile phases only: the largest programs, the
    best test of code-generation cost; running them under callgrind would take minutes per
    interpreter, so their run time is left to the wall-time benchmarks.
Engines come from `bfbench engines` (every available one), never from a list here.
Changing this list changes the benchmark names: regenerate the baseline (scripts/gate --update).
"""
from dataclasses import dataclass
from typing import List


@dataclass(frozen=True)
class Job:
    engine: str
    program: str
    level: str
    run: bool     # False: optimize and compile only

    @property
    def label(self) -> str:
        return f"{self.engine}/{self.program}/{self.level}"

    def benchmark_names(self) -> List[str]:
        names = [f"optimize/{self.program}/{self.level}", f"compile/{self.label}"]
        if self.run:
            names.append(f"run/{self.label}")
        return names


# (program, levels, run phase too), the costliest first so a parallel run does not end waiting
# on one long job.
PLAN = [
    ("hanoi", ("O3",), True),
    ("long", ("O3",), True),
    ("bench", ("O3",), True),
    ("mandelbrot", ("O3",), False),
    ("factor", ("O3",), False),
    ("hello", ("O0", "O3"), True),
    ("wrap", ("O0", "O3"), True),
    ("idioms", ("O0", "O3"), True),
    ("echo", ("O0", "O3"), True),
    ("deep_nesting", ("O0", "O3"), True),
]

def jobs(engines: List[str]) -> List[Job]:
    """Every job, in PLAN order."""
    return [Job(engine, program, level, run)
            for program, levels, run in PLAN for level in levels for engine in engines]


def programs() -> List[str]:
    return [program for program, _, _ in PLAN]
