#!/usr/bin/python3
"""Proves the gate catches a real regression: runs the gate against the committed baseline with
one optimizer pass switched off (bfbench --disable-pass, the run-time pass switch) and expects it
to fail naming slower run benchmarks. Exit 0 when the gate caught it, 1 when it did not."""
import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def step(command, **kwargs):
    print("+ " + " ".join(map(str, command)), flush=True)
    return subprocess.run([str(c) for c in command], text=True, **kwargs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--build-dir", required=True, help="the build tree whose bfbench is measured")
    parser.add_argument("--pass", dest="pass_name", required=True, help="the pass to switch off")
    parser.add_argument("--filter", required=True, help="the gate's --filter (a cheap subset)")
    parser.add_argument("--baseline", help="baseline (default: the committed one)")
    parser.add_argument("--out", required=True, help="where the gate writes its counts")
    args = parser.parse_args()

    # Switched off, the pass must really change what O3 makes, or the test proves nothing.
    bfbench = Path(args.build_dir) / "cli" / "bfbench"
    program = ROOT / "corpus" / "idioms.b"
    slowed = step([bfbench, "ir", "-O3", f"--disable-pass={args.pass_name}", program],
                  capture_output=True)
    normal = step([bfbench, "ir", "-O3", program], capture_output=True)
    if slowed.returncode != 0 or not slowed.stdout or slowed.stdout == normal.stdout:
        print(slowed.stderr)
        print(f"FAIL: switching off {args.pass_name} does not change the O3 IR of {program.name}")
        return 1

    command = [sys.executable, ROOT / "scripts" / "gate", "--build-dir", args.build_dir,
               "--filter", args.filter, "--out", args.out, "--disable-pass", args.pass_name]
    if args.baseline:
        command += ["--baseline", args.baseline]
    gate = step(command, capture_output=True)
    print(gate.stdout + gate.stderr)
    slower = re.findall(r"^(run/\S+)\s.*\bslower\b", gate.stdout, re.MULTILINE)
    if gate.returncode == 1 and "gate: FAILED" in gate.stdout and "scripts/gate --update" in \
            gate.stdout and slower:
        print(f"OK: the gate caught the switched-off {args.pass_name} pass "
              f"({len(slower)} run benchmark(s) slower)")
        return 0
    print(f"FAIL: the gate did not fail with {args.pass_name} switched off "
          f"(exit {gate.returncode})")
    return 1


if __name__ == "__main__":
    sys.exit(main())
