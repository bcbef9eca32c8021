"""scripts/compare --json: a comparison as a JSON document (reports/compare-json.md describes it;
compare.schema.json beside this file is its JSON Schema, which the tests validate against)."""
import json
import sys
from pathlib import Path

from .cli import EXIT_CANNOT_WRITE, Failure

FORMAT = "bfbench-compare/1"
SCHEMA = Path(__file__).resolve().parent / "compare.schema.json"


def _side(res) -> dict:
    return {"path": res.path, "kind": res.kind, "git_commit": res.context.get("git_commit")}


def _row(row) -> dict:
    return {
        "name": row.name, "phase": row.phase, "engine": row.engine, "program": row.program,
        "level": row.level, "unit": row.unit, "base": row.base, "new": row.new,
        "ratio": row.ratio, "ratio_ci": list(row.ratio_ci) if row.ratio_ci else None,
        "p_value": row.p_value, "samples": list(row.samples) if row.samples else None,
        "smallest_p": row.smallest_p, "can_be_significant": row.can_be_significant,
        "verdict": row.verdict, "note": row.note,
    }


def document(comparison, base, new, metric: str, exit_status: int, confidence: float) -> dict:
    """Everything the table and the warnings say, as plain data."""
    return {
        "format": FORMAT,
        "base": _side(base),
        "new": _side(new),
        "metric": "instructions" if comparison.deterministic else metric,
        "deterministic": comparison.deterministic,
        "threshold": comparison.threshold,
        "alpha": comparison.alpha,
        "confidence_level": confidence,
        "rows": [_row(r) for r in comparison.rows],
        "geomeans": [{"phase": phase, "ratio": mean, "benchmarks": n}
                     for phase, mean, n in comparison.geomeans()],
        "counts": comparison.counts(),
        "cannot_be_significant": len(comparison.insufficient()),
        "warnings": list(comparison.warnings),
        "exit_status": exit_status,
    }


def write(data: dict, target: str):
    """To stdout for "-", else to the file named; a file that cannot be written is a Failure."""
    text = json.dumps(data, indent=2) + "\n"
    if target == "-":
        sys.stdout.write(text)
        return
    try:
        Path(target).write_text(text)
    except OSError as error:
        raise Failure(EXIT_CANNOT_WRITE, f"{target}: cannot write: {error.strerror}")
