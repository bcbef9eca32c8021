"""Benchmark names: phase/engine/program/level, as the driver registers them."""
import re
from dataclasses import dataclass
from typing import Optional

# Google Benchmark appends options to a name ("/min_time:0.500", "/repeats:5", "/real_time");
# they describe how it was measured, not what, so two runs with different options still compare.
_OPTION = re.compile(r"^(\w+:[-+\w.]+|real_time|manual_time|process_time)$")
_LEVEL = re.compile(r"^O\d+$")


@dataclass(frozen=True)
class Name:
    full: str                 # normalized: "run/naive/hello/O3"
    phase: Optional[str]      # "run", "compile", "process", "optimize" or None for others
    engine: Optional[str]
    program: Optional[str]
    level: Optional[str]      # "" for an external engine (process/tritium/hanoi): none of ours


def strip_options(name: str) -> str:
    parts = name.split("/")
    while len(parts) > 1 and _OPTION.match(parts[-1]):
        parts.pop()
    return "/".join(parts)


def parse(name: str) -> Name:
    full = strip_options(name)
    parts = full.split("/")
    if len(parts) == 4 and parts[0] in ("run", "compile", "process") and _LEVEL.match(parts[3]):
        return Name(full, parts[0], parts[1], parts[2], parts[3])
    if len(parts) == 3 and parts[0] == "process" and all(parts[1:]):
        return Name(full, "process", parts[1], parts[2], "")
    if len(parts) == 3 and parts[0] == "optimize" and _LEVEL.match(parts[2]):
        return Name(full, "optimize", None, parts[1], parts[2])
    return Name(full, None, None, None, None)


def level_key(level: str) -> int:
    """O0 < O1 < ... < O10 (numeric, not lexical)."""
    return int(level[1:]) if level and _LEVEL.match(level) else 1 << 30
