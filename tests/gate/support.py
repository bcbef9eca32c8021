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
