"""Where a result comes from: the machine and build (the JSON context the driver writes), the
command that reproduces one benchmark, and what each corpus program is and stresses."""
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Tuple

from . import results

ROOT = Path(__file__).resolve().parents[2]
ABOUT = ROOT / "corpus" / "about.tsv"
REPRODUCE_REPETITIONS = 10
_DEFAULT_BFBENCH = "build/cli/bfbench"
_PROGRAM_KEY = "program:"

# The facts a reader checks first, in this order; the rest of the context follows.
MACHINE_KEYS = ("command_line", "date", "host_name", "os", "kernel", "glibc", "cpu_model",
                "cpu_flags", "num_cpus", "mhz_per_cpu", "cpu_governor", "cpu_scaling_enabled",
                "smt", "load_avg", "git_commit", "bfbench_version", "compiler", "compiler_flags",
                "build_type", "library_build_type")
_NOT_RECORDED = "unknown (not in the results file: written by an older bfbench)"


def machine_rows(context: Dict[str, object]) -> List[Tuple[str, object]]:
    """(key, value) for the machine and build, the expected keys first ("unknown" when absent),
    the per-program facts left out (the programs table shows them)."""
    rows = [(key, context.get(key, _NOT_RECORDED)) for key in MACHINE_KEYS]
    rows += [(key, value) for key, value in context.items()
             if key not in MACHINE_KEYS and not key.startswith(_PROGRAM_KEY)]
    return rows


def _executable(context: Dict[str, object]) -> str:
    words = shlex.split(str(context.get("command_line", ""))) if context.get("command_line") else []
    return words[0] if words else _DEFAULT_BFBENCH


def reproduce_command(res: results.Results, bench: results.Benchmark) -> str:
    """The command that measures this one benchmark again, with enough repetitions for an
    interval: `build/cli/bfbench --program=P --benchmark_filter='^run/E/P/L$' ...`."""
    name = bench.name
    words = [shlex.quote(_executable(res.context))]
    if name.program:
        words.append(f"--program={shlex.quote(name.program)}")
    if name.phase == "process":  # a child process: an external engine, or ours with --process
        words += [f"--engine={shlex.quote(name.engine)}", "--process"] if name.level else [
            f"--engine={shlex.quote('ext:' + name.engine)}"]
    words += [f"--benchmark_filter={shlex.quote(f'^{name.full}$')}",
              f"--benchmark_repetitions={REPRODUCE_REPETITIONS}"]
    return " ".join(words)


@dataclass
class ProgramNote:
    name: str
    category: str
    provenance: str
    what: str
    stresses: str


def _about() -> Dict[str, Dict[str, str]]:
    try:
        lines = [l for l in ABOUT.read_text().splitlines() if l and not l.startswith("#")]
    except OSError:
        return {}
    header = lines[0].split("\t")
    return {row["name"]: row for row in (dict(zip(header, l.split("\t"))) for l in lines[1:])}


def _stamped(context: Dict[str, object], program: str) -> Dict[str, str]:
    """"category: benchmark; provenance: https://..." as the driver writes it -> a dict."""
    text = str(context.get(_PROGRAM_KEY + program, ""))
    facts = {}
    for part in text.split("; "):
        key, sep, value = part.partition(": ")
        if sep:
            facts[key] = value
    return facts


def program_notes(res: results.Results) -> List[ProgramNote]:
    about = _about()
    notes = []
    for program in res.programs():
        stamped, known = _stamped(res.context, program), about.get(program, {})
        notes.append(ProgramNote(program, stamped.get("category", "unknown"),
                                 stamped.get("provenance", "unknown"),
                                 known.get("what", "not described in corpus/about.tsv"),
                                 known.get("stresses", "")))
    return notes
