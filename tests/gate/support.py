"""Test helpers: puts scripts/ on sys.path and finds the scripts and the bfbench under test."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "scripts"
DATA = Path(__file__).resolve().parent / "data"   # small real bfbench results
sys.path.insert(0, str(SCRIPTS))


def run_script(name, *args, cwd=None):
    """Runs scripts/<name> with /usr/bin/python3; returns the CompletedProcess (text)."""
    return subprocess.run(["/usr/bin/python3", str(SCRIPTS / name), *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=600)


def bfbench():
    """The bfbench binary CTest passes in $BFBENCH_BINARY, or None when run by hand without it."""
    path = os.environ.get("BFBENCH_BINARY")
    return Path(path) if path and Path(path).is_file() else None


def schema_validator(test, schema_path):
    """A draft 2020-12 validator of the JSON Schema at schema_path ($refs resolve beside it).
    Skips `test` when python3-jsonschema is missing, except under CI=true, where it fails."""
    try:
        import jsonschema
    except ImportError:
        if os.environ.get("CI") == "true":
            raise
        test.skipTest("python3-jsonschema is not installed (scripts/setup installs it)")
    import json
    schema = json.loads(Path(schema_path).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    resolver = jsonschema.RefResolver(Path(schema_path).resolve().parent.as_uri() + "/", schema)
    return jsonschema.Draft202012Validator(schema, resolver=resolver)


def schema_errors(validator, document):
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
