"""Reads callgrind output files: the inclusive instruction count (Ir) of named functions.

Format reference: valgrind's "Callgrind Format Specification". A file is a sequence of
`fn=` blocks; in a block, a cost line ("<positions> <costs>") is the function's own cost, except
the line right after `calls=`, which is the inclusive cost of that call. So a function's inclusive
cost is its own lines plus the lines following its calls. Names may be compressed to "(id)".
"""
import re
from typing import Dict, Iterable

_NAME = re.compile(r"^\((\d+)\)(?:\s(.*))?$")
_POSITION = re.compile(r"^(?:[+-]?\d+|0x[0-9a-fA-F]+|[+-]0x[0-9a-fA-F]+|\*)$")


class CallgrindFormatError(ValueError):
    pass


def _resolve(value: str, table: Dict[str, str]) -> str:
    match = _NAME.match(value.strip())
    if not match:
        return value.strip()
    key, name = match.group(1), match.group(2)
    if name is not None:
        table[key] = name
        return name
    if key not in table:
        raise CallgrindFormatError(f"name ({key}) used before it was defined")
    return table[key]


def inclusive_costs(lines: Iterable[str], functions: Iterable[str]) -> Dict[str, int]:
    """Inclusive Ir of each function in `functions` (0 for a function never entered)."""
    wanted = set(functions)
    totals = {name: 0 for name in wanted}
    names: Dict[str, str] = {}
    positions = 1
    events = None
    current = None       # the function whose block we are in
    callee = None        # the cfn= of the pending call
    after_calls = False  # the next cost line is a call's inclusive cost
    for raw in lines:
        line = raw.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        head, sep, value = line.partition("=")
        if sep and head in ("fn", "cfn", "cfi", "cfl", "fl", "fi", "fe", "ob", "cob", "calls",
                            "jump", "jcnd"):
            if head == "fn":
                current = _resolve(value, names)
                after_calls = False
            elif head == "cfn":
                callee = _resolve(value, names)
            elif head == "calls":
                after_calls = True
            # File and object names share other tables; their ids never reach `names`.
            continue
        if ":" in line and not line[0].isdigit() and line[0] not in "+-*":
            key, _, value = line.partition(":")
            if key == "positions":
                positions = len(value.split())
            elif key == "events":
                events = value.split()
            continue
        fields = line.split()
        if len(fields) < positions or not all(_POSITION.match(f) for f in fields[:positions]):
            raise CallgrindFormatError(f"unexpected line: {line[:80]!r}")
        if events is not None and events[0] != "Ir":
            raise CallgrindFormatError(f"first event is {events[0]}, not Ir")
        cost = int(fields[positions]) if len(fields) > positions else 0  # omitted costs are 0
        if current in wanted and not (after_calls and callee == current):
            totals[current] += cost
        after_calls = False
    return totals


def read_inclusive_costs(path, functions: Iterable[str]) -> Dict[str, int]:
    with open(path, errors="replace") as lines:
        return inclusive_costs(lines, functions)
