"""The instruction-count regression gate: runs the fixed workload under callgrind, compares the
counts with the committed baseline, and fails when a benchmark got more than the threshold worse.

Instruction counts do not depend on load, so the same tree gives the same counts on every machine
of the same kind (CPU, C library, valgrind, compiler); see reports/README.md.
"""
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, List, Optional

from . import callgrind, children, cli, compare, machine, results, store, units, verdicts, workload

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_BASELINE = ROOT / "reports" / "baseline" / "instructions.json"
DEFAULT_OUT = ROOT / "reports" / "gate" / "instructions.json"
PHASES = {"optimize": "bf_measure_optimize", "compile": "bf_measure_compile",
          "run": "bf_measure_run"}
JOB_TIMEOUT_SECONDS = 900
DEFAULT_THRESHOLD = 0.03
# Differences smaller than this are not worth a failure, whatever their percentage: well under a
# microsecond, and above the few instructions a compile that waits on a child process wobbles by.
DEFAULT_MIN_DELTA = 1000


def _default_build_dir() -> Path:
    build = Path(os.environ.get("BFBENCH_BUILD_DIR", "build"))
    return build if build.is_absolute() else ROOT / build


def available_engines(bfbench: Path) -> List[str]:
    try:
        listing = subprocess.run([str(bfbench), "engines"], capture_output=True, text=True,
                                 timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise cli.Failure(cli.EXIT_SOFTWARE, f"{bfbench} engines: {error}")
    if listing.returncode != 0:
        raise cli.Failure(cli.EXIT_SOFTWARE, f"{bfbench} engines: exit {listing.returncode}")
    engines = []
    for line in listing.stdout.splitlines():
        fields = line.split()
        if len(fields) >= 2 and fields[1] == "available":
            engines.append(fields[0])
    if not engines:
        raise cli.Failure(cli.EXIT_SOFTWARE, f"{bfbench} engines lists no available engine")
    return engines


def _facts(stdout: str) -> Dict[str, float]:
    """The counters `bfbench measure` prints: ops=N code_bytes=N output_bytes=N."""
    return {key: float(value) for key, value in re.findall(r"(\w+)=(\d+)\b", stdout)}


def _stable_corpus_copy(into: Path) -> Path:
    """Copies the corpus (with its fetched third-party part) into `into`, a path whose length does
    not depend on where the checkout lives: the corpus path ends up in heap allocations, so a
    longer checkout path shifted malloc's work by up to a few thousand instructions."""
    corpus = into / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    return corpus


def measured_executable(bfbench: Path) -> Path:
    """The executable that runs `bfbench measure`: bfbench-tools beside the bfbench front door,
    which execs it for that command. callgrind does not follow an exec, so the gate runs it
    directly (an older build without it: bfbench itself)."""
    tools = bfbench.parent / "bfbench-tools"
    return tools if tools.is_file() else bfbench


def measure(bfbench: Path, job: workload.Job, scratch: Path, corpus: Path = ROOT / "corpus",
            verbose: bool = False, extra_args: List[str] = ()) -> Dict[str, dict]:
    """Runs one job under callgrind; returns {benchmark name: row} with instruction counts.
    `extra_args` go to bfbench first (the pass switch: scripts/ablate)."""
    profile = scratch / f"{job.label.replace('/', '.')}.callgrind"
    # --vgdb=no: no debugger FIFOs in $TMPDIR, which a killed valgrind would leave behind
    command = ["valgrind", "--tool=callgrind", "--vgdb=no", "--collect-atstart=no",
               f"--callgrind-out-file={profile}"]
    command += [f"--toggle-collect={function}" for function in PHASES.values()]
    command += [str(measured_executable(bfbench)), *extra_args, "measure", "--engine", job.engine,
                "--program", job.program, "-O", job.level, "--corpus", str(corpus)]
    if not job.run:
        command.append("--no-run")
    started = time.monotonic()
    try:
        done = children.run(command, timeout=JOB_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        raise cli.Failure(cli.EXIT_SOFTWARE, f"{job.label}: still running under callgrind after "
                                             f"{JOB_TIMEOUT_SECONDS} s (workload too heavy?)")
    if done.returncode != 0:
        last = [line for line in done.stderr.splitlines() if not line.startswith("==")]
        if done.returncode < 0:
            reason = f"killed by {signal.Signals(-done.returncode).name}"
        else:
            reason = last[-1] if last else f"exit {done.returncode}"
        if "unknown program" in reason:
            reason = f"no corpus program {job.program} (scripts/fetch-corpus brings the " \
                     f"third-party ones)"
        raise cli.Failure(cli.EXIT_SOFTWARE, f"{job.label}: bfbench measure failed under "
                                             f"callgrind: {reason}")
    try:
        costs = callgrind.read_inclusive_costs(profile, PHASES.values())
    except (OSError, callgrind.CallgrindFormatError) as error:
        raise cli.Failure(cli.EXIT_SOFTWARE, f"{job.label}: cannot read {profile}: {error}")
    facts = _facts(done.stdout)
    if verbose:
        print(f"gate: {job.label}{'' if job.run else ' (no run)'}: "
              f"{time.monotonic() - started:.1f} s, "
              + ", ".join(f"{phase} {units.count(costs[f])}" for phase, f in PHASES.items()),
              flush=True)
    rows = {}
    for name in job.benchmark_names():
        phase = name.split("/")[0]
        row = {"name": name, "instructions": costs[PHASES[phase]]}
        if phase != "optimize":
            row.update(facts)
        rows[name] = row
    return rows


def run_workload(bfbench: Path, jobs: List[workload.Job], parallel: int, failures: List[str],
                 keep: Optional[Path] = None, verbose: bool = False,
                 extra_args: List[str] = ()) -> List[dict]:
    """Measures every job; a job that fails adds its message to `failures` and leaves its
    benchmarks out (one broken engine must not hide what the others measure)."""
    rows: Dict[str, dict] = {}
    done = 0
    # mkdtemp names have a fixed length wherever the checkout is (see _stable_corpus_copy).
    with tempfile.TemporaryDirectory(prefix="bfbench-gate-") as temporary:
        corpus = _stable_corpus_copy(Path(temporary))
        scratch = keep or Path(temporary)
        scratch.mkdir(parents=True, exist_ok=True)
        with ThreadPoolExecutor(max_workers=parallel) as pool:
            futures = [pool.submit(measure, bfbench, job, scratch, corpus, verbose, extra_args)
                       for job in jobs]
            try:
                for job, future in zip(jobs, futures):
                    try:
                        measured = future.result()
                    except cli.Failure as failure:
                        failures.append(failure.message)
                        measured = {}
                    for name, row in measured.items():
                        # optimize/<program>/<level> is the same under every engine; keep one.
                        rows.setdefault(name, row)
                    done += 1
                    if sys.stderr.isatty() and not verbose:
                        print(f"\r[{done}/{len(jobs)}] {job.label}\033[K", end="", file=sys.stderr)
            except BaseException:  # interrupted: no valgrind may outlive the gate
                for future in futures:
                    future.cancel()
                children.kill_all()
                raise
    if sys.stderr.isatty():
        print("\r\033[K", end="", file=sys.stderr)
    return sorted(rows.values(), key=lambda row: row["name"])


def write(path: Path, context: dict, rows: List[dict]) -> str:
    """Writes the counts; returns the text written (the history store keys a run by its hash)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {"format": results.INSTRUCTIONS_FORMAT, "context": context, "benchmarks": rows}
    text = json.dumps(document, indent=1) + "\n"
    path.write_text(text)
    return text


def _context_warnings(base: dict, now: dict) -> List[str]:
    out = []
    for key in machine.COUNT_AFFECTING:
        if base.get(key, "") != now.get(key, ""):
            out.append(f"{key} differs from the baseline's ({now.get(key, '')!r} here, "
                       f"{base.get(key, '')!r} there): counts may differ for that reason alone")
    return out


def _shown(path: Path) -> str:
    """A path as a person would type it from the checkout's top folder."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def _update_command(args) -> str:
    command = "scripts/gate --update"
    if args.build_dir:
        command += f" --build-dir {args.build_dir}"
    if args.baseline:
        command += f" --baseline {args.baseline}"
    return command


def _reproduce(args) -> List[str]:
    """The command that measures and judges the same benchmarks against the same baseline."""
    command = ["scripts/gate"]
    for option, value, default in (("--build-dir", args.build_dir, None),
                                   ("--baseline", args.baseline, None),
                                   ("--filter", args.filter, None),
                                   ("--counts", args.counts, None),
                                   ("--threshold", args.threshold, DEFAULT_THRESHOLD),
                                   ("--min-delta", args.min_delta, DEFAULT_MIN_DELTA)):
        if value is not None and value != default:
            command += [option, str(value)]
    return command


def _record(args, out: Path, text: str):
    """Adds this run's counts to the history store (scripts/history reads it)."""
    with store.open_store(args.db) as db:
        done = db.record(json.loads(text), digest=hashlib.sha256(text.encode()).hexdigest(),
                         source="gate", path=_shown(out), command=" ".join(_reproduce(args)),
                         local=True)
        where = store.redacted(db.target)
    state = "recorded in" if done.run_id else "the same counts were already recorded in"
    print(f"gate: {state} {where} (commit {done.commit.sha[:12]}, machine {done.machine})")


def _read_counts(path: Path, pattern) -> tuple:
    """(context, rows) of counts an earlier run wrote: judged again, not measured again."""
    counts = results.load(path)
    if counts.kind != "instructions":
        raise cli.Failure(cli.EXIT_DATA, f"{path}: not the gate's instruction counts")
    rows = json.loads(path.read_text())["benchmarks"]
    rows = [row for row in rows if not pattern or pattern.search(row["name"])]
    print(f"gate: judging {len(rows)} benchmarks counted earlier ({_shown(path)})")
    return counts.context, rows


def _measure(args, pattern, failures: List[str]) -> tuple:
    """(context, rows) of the workload measured now; writes --out and records with --record."""
    build_dir = Path(args.build_dir).resolve() if args.build_dir else _default_build_dir()
    bfbench = build_dir / "cli" / "bfbench"
    if not bfbench.is_file():
        raise cli.Failure(cli.EXIT_CANNOT_READ, f"no bfbench in {build_dir}/bench: build it first "
                                                f"(scripts/build)")
    if shutil.which("valgrind") is None:
        raise cli.Failure(cli.EXIT_SOFTWARE, "valgrind not found: install it (scripts/setup)")
    jobs = workload.jobs(available_engines(bfbench))
    if pattern:
        jobs = [job for job in jobs if any(pattern.search(n) for n in job.benchmark_names())]
        if not jobs:
            raise cli.Failure(cli.EXIT_USAGE, f"--filter {args.filter!r} matches no benchmark")
    context = machine.describe(build_dir, bfbench)
    started = time.monotonic()
    extra_args = [f"--disable-pass={args.disable_pass}"] if args.disable_pass else []
    rows = run_workload(bfbench, jobs, args.jobs, failures,
                        Path(args.keep_profiles) if args.keep_profiles else None, args.verbose,
                        extra_args)
    if pattern:
        rows = [row for row in rows if pattern.search(row["name"])]
    elapsed = time.monotonic() - started
    print(f"gate: measured {len(rows)} benchmarks ({len(jobs)} callgrind runs) in "
          f"{elapsed:.0f} s with {build_dir.name}/cli/bfbench")
    out = Path(args.out) if args.out else DEFAULT_OUT
    text = write(out, context, rows)
    if args.record:
        _record(args, out, text)
    for failure in failures:
        print(f"gate: measurement failed: {failure}")
    return context, rows


def main(argv=None) -> int:
    parser = cli.ArgumentParser(
        prog="gate",
        description="Instruction-count regression gate: measures the fixed workload (every "
                    "available engine; see scripts/bfreport/workload.py) under callgrind and "
                    "compares with the committed baseline. Exits 1 when a benchmark is more than "
                    "the threshold worse or missing.")
    parser.add_argument("--build-dir", help="build tree whose cli/bfbench is measured "
                        "(default: $BFBENCH_BUILD_DIR or build/)")
    parser.add_argument("--baseline", help=f"baseline file (default: "
                        f"{DEFAULT_BASELINE.relative_to(ROOT)})")
    parser.add_argument("--update", action="store_true",
                        help="measure and rewrite the baseline (when a change is intended)")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD,
                        help="relative increase that fails the gate (default 0.03 = 3%%)")
    parser.add_argument("--min-delta", type=float, default=DEFAULT_MIN_DELTA,
                        help="ignore changes smaller than this many instructions (default 1000, "
                             "well under a microsecond)")
    parser.add_argument("--filter", help="only benchmarks whose name matches this regex "
                        "(e.g. 'run/naive/')")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                        help="callgrind processes at once (default: the number of CPUs)")
    parser.add_argument("--out", help=f"also write the counts here (default: "
                        f"{DEFAULT_OUT.relative_to(ROOT)})")
    parser.add_argument("--keep-profiles", help="keep the callgrind files in this folder")
    parser.add_argument("--all", action="store_true", help="list unchanged benchmarks too")
    parser.add_argument("--disable-pass", metavar="NAME",
                        help="measure with this optimizer pass switched off (bfbench "
                             "--disable-pass): what the gate's own test uses to prove it "
                             "catches a regression")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="print each callgrind run's time and counts")
    parser.add_argument("--counts", metavar="FILE", help="judge the counts an earlier run wrote "
                        "(its --out file) instead of measuring: no build or valgrind needed")
    parser.add_argument("--record", action="store_true",
                        help="also record the counts in the history store (scripts/history)")
    parser.add_argument("--db", help="history store for --record: SQLite file or "
                        "postgresql://... (default: $BFBENCH_HISTORY_DB or reports/history.sqlite)")
    parser.add_argument("--json", metavar="FILE", help="write the verdict as JSON "
                        "(reports/gate-json.md)")
    parser.add_argument("--junit", metavar="FILE", help="write the verdict as JUnit XML: one "
                        "testcase per benchmark, a failure per regression")
    parser.add_argument("--summary", metavar="FILE", help="append the verdict as Markdown (the "
                        "changed rows only) to FILE, e.g. $GITHUB_STEP_SUMMARY")
    args = parser.parse_args(argv)
    if args.counts and (args.update or args.record):
        parser.error("--counts judges counts measured earlier: --update and --record go with a "
                     "measurement")
    if args.update and (args.json or args.junit or args.summary):
        parser.error("--update writes a baseline, not a verdict: --json, --junit and --summary "
                     "go with a check")
    if args.update and args.filter and not args.baseline:
        parser.error("the committed baseline holds the whole workload: with --filter, --update "
                     "needs an explicit --baseline FILE")
    if args.jobs < 1 or args.threshold < 0 or args.min_delta < 0:
        parser.error("--jobs must be >= 1, --threshold and --min-delta >= 0")
    try:
        pattern = re.compile(args.filter) if args.filter else None
    except re.error as error:
        parser.error(f"--filter: {error}")

    baseline_path = Path(args.baseline) if args.baseline else DEFAULT_BASELINE
    if not args.update and not baseline_path.is_file():
        raise cli.Failure(cli.EXIT_CANNOT_READ, f"no baseline at {baseline_path}: create it with "
                                                f"{_update_command(args)}")
    failures: List[str] = []
    if args.counts:
        context, rows = _read_counts(Path(args.counts), pattern)
    else:
        context, rows = _measure(args, pattern, failures)
    if args.update:
        if failures:
            raise cli.Failure(cli.EXIT_FAILED, f"{len(failures)} measurement(s) failed; the "
                                               f"baseline was not written")
        write(baseline_path, context, rows)
        print(f"gate: baseline written to {_shown(baseline_path)} ({len(rows)} benchmarks); "
              f"commit it with the change that explains it")
        return cli.EXIT_OK

    base = results.load(baseline_path)
    if pattern:
        base.benchmarks = {k: v for k, v in base.benchmarks.items() if pattern.search(k)}
    now = results.parse({"format": results.INSTRUCTIONS_FORMAT, "context": context,
                         "benchmarks": rows}, "this tree")
    comparison = compare.compare(base, now, args.threshold, min_delta=args.min_delta)
    verdict = verdicts.Verdict(comparison, base, now, _shown(baseline_path), _reproduce(args),
                               args.min_delta, failures, _context_warnings(base.context, context))
    verdicts.write_all(verdict, args.json, args.junit, args.summary)
    for warning in verdict.warnings + comparison.warnings:
        print(f"gate: warning: {warning}")
    changed = [r for r in comparison.rows if r.verdict != compare.SAME]
    if changed or args.all:
        print(compare.table(comparison, only_changes=not args.all).text())
    better = comparison.improvements()
    new = [r for r in comparison.rows if r.verdict == compare.NEW]
    if better:
        print(f"gate: {len(better)} benchmark(s) improved by more than {args.threshold:.0%}; "
              f"record it with {_update_command(args)} so later regressions are measured from here")
    if new:
        print(f"gate: {len(new)} benchmark(s) not in the baseline (new engine or workload?); "
              f"add them with {_update_command(args)}")
    if not verdict.passed:
        print(f"gate: FAILED: {'; '.join(verdict.problems())}.\n"
              f"gate: if this change is intended, update the baseline and commit it:\n"
              f"      {_update_command(args)} && git add {_shown(baseline_path)}")
        return cli.EXIT_FAILED
    print(f"gate: ok: no benchmark more than {args.threshold:.0%} worse than "
          f"{_shown(baseline_path)}")
    return cli.EXIT_OK
