#!/usr/bin/python3
"""Proves the gate catches a real regression: builds bfbench with one optimizer pass disabled
(CMake cache variable BFBENCH_DISABLED_PASS) in its own build folder, runs the gate on it against
the committed baseline, and expects the gate to fail naming slower run benchmarks.
Exit 0 when the gate caught it, 1 when it did not (or the build failed)."""
import argparse
import os
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
    parser.add_argument("--build-dir", required=True, help="where the slowed-down tree is built")
    parser.add_argument("--pass", dest="pass_name", required=True, help="the pass to disable")
    parser.add_argument("--build-type", default="Release")
    parser.add_argument("--filter", required=True, help="the gate's --filter (a cheap subset)")
    parser.add_argument("--baseline", help="baseline (default: the committed one)")
    parser.add_argument("--reference", required=True, help="the normal tree's bfbench")
    args = parser.parse_args()

    configure = step(["cmake", "-S", ROOT, "-B", args.build_dir,
                      f"-DCMAKE_BUILD_TYPE={args.build_type}",
                      f"-DBFBENCH_DISABLED_PASS={args.pass_name}", "-DBFBENCH_BUILD_TESTS=OFF"],
                     capture_output=True)
    if configure.returncode != 0 or "BFBENCH_DISABLED_PASS" in configure.stderr:
        # CMake warns about a -D variable nothing reads: then no pass is disabled at all.
        print(configure.stdout + configure.stderr)
        print("FAIL: cannot configure a tree with BFBENCH_DISABLED_PASS")
        return 1
    jobs = str(max(1, min(2, os.cpu_count() or 1)))
    if step(["cmake", "--build", args.build_dir, "--target", "bfbench", "-j", jobs]).returncode:
        print("FAIL: the tree with a disabled pass does not build")
        return 1
    # The slowed-down tree must really optimize differently, or the test proves nothing.
    bfbench = Path(args.build_dir) / "cli" / "bfbench"
    program = ROOT / "corpus" / "idioms.b"
    slowed = step([bfbench, "ir", "-O3", program], capture_output=True).stdout
    normal = step([args.reference, "ir", "-O3", program], capture_output=True).stdout
    if not slowed or slowed == normal:
        print(f"FAIL: disabling {args.pass_name} does not change the O3 IR of {program.name}")
        return 1

    command = [sys.executable, ROOT / "scripts" / "gate", "--build-dir", args.build_dir,
               "--filter", args.filter, "--out", Path(args.build_dir) / "gate-instructions.json"]
    if args.baseline:
        command += ["--baseline", args.baseline]
    gate = step(command, capture_output=True)
    print(gate.stdout + gate.stderr)
    slower = re.findall(r"^(run/\S+)\s.*\bslower\b", gate.stdout, re.MULTILINE)
    if gate.returncode == 1 and "gate: FAILED" in gate.stdout and "scripts/gate --update" in \
            gate.stdout and slower:
        print(f"OK: the gate caught the disabled {args.pass_name} pass "
              f"({len(slower)} run benchmark(s) slower)")
        return 0
    print(f"FAIL: the gate did not fail on a tree without {args.pass_name} "
          f"(exit {gate.returncode})")
    return 1


if __name__ == "__main__":
    sys.exit(main())
