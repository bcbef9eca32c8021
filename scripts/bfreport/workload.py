"""The regression gate's fixed workload: which (program, level) each available engine measures.

Chosen so the whole gate stays under ~5 minutes on 2 cores under callgrind (which runs code about
40x slower than natively, and takes a second or more just to start) while still exercising every
part that can regress:
  * long, bench and hanoi at O3: real programs that the optimizer makes fast on every engine
    (at O0 they take seconds natively, minutes under callgrind); the interpreters' runs of these
    are the gate's longest jobs (naive long/O3: 1.5 G instructions, ~30 s);
  * mandelbrot and factor at O3, optimize and compile phases only: the largest programs, the best
    test of code-generation cost; running them under callgrind would take minutes per
    interpreter, so their run time is left to the wall-time benchmarks;
  * team programs: idioms at O0 and O3 (every op kind unoptimized and optimized), echo (input and
    output), deep_nesting at O3 (20 000 nested loops: parser, optimizer and code-generation cost).
Engines come from `bfbench engines` (every available one), never from a list here; EXCLUDED only
drops single (engine, program) pairs whose cost is outside our code, with the reason.
Changing this file changes the benchmark names: regenerate the baseline (scripts/gate --update).
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


# (program, level, run phase too), the costliest first so a parallel run does not end waiting
# on one long job.
PLAN = [
    ("long", "O3", True),
    ("bench", "O3", True),
    ("hanoi", "O3", True),
    ("mandelbrot", "O3", False),
    ("factor", "O3", False),
    ("deep_nesting", "O3", True),
    ("idioms", "O0", True),
    ("idioms", "O3", True),
    ("echo", "O3", True),
]

# The cc engine hands its C translation to the system C compiler, in a child process callgrind
# does not follow; for these programs that compiler alone takes from seconds to minutes, which
# would dominate the gate while measuring nothing of ours.
EXCLUDED = {
    ("cc", "hanoi"), ("cc", "mandelbrot"), ("cc", "factor"), ("cc", "deep_nesting"),
}


def jobs(engines: List[str]) -> List[Job]:
    """Every job, in PLAN order."""
    return [Job(engine, program, level, run)
            for program, level, run in PLAN for engine in engines
            if (engine, program) not in EXCLUDED]
