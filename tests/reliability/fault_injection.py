"""Fault injection: bfbench interrupted, killed by its time limits or cut off from its reader at
random points -- while parsing, while the cc engine's C compiler runs, while a program runs and
while it writes output -- and afterwards: no process it started survives, no temporary file or
directory remains, the exit status is the documented one, and what reached stdout is a prefix of
the program's expected output.

Every case runs with a TMPDIR of its own, which the C compiler inherits: a surviving child is a
process whose environment still names that directory. The cases are drawn from a fixed seed, so
a failure names a case that reruns the same way.

Environment: BFBENCH_BINARY (set by CTest), BFBENCH_CORPUS (corpus/third_party by default).
Without the third-party corpus or a C compiler the cases that need them skip locally and fail
under CI=true.
"""
import json
import os
import random
import shutil
import signal
import subprocess
import tempfile
import time
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BFBENCH = os.environ.get("BFBENCH_BINARY", str(ROOT / "build" / "cli" / "bfbench"))
CORPUS = Path(os.environ.get("BFBENCH_CORPUS", ROOT / "corpus" / "third_party"))
IN_CI = os.environ.get("CI") == "true"

# Documented exit statuses (bfbench --help).
STATUS_FOR_SIGNAL = {signal.SIGINT: 130, signal.SIGTERM: 143, signal.SIGHUP: 129}
OUTPUT_ERROR = 74
TIME_LIMIT = 124
COMPILE_FAILED = 70

SEED = 20261203
CASES_PER_KIND = 4


def need(condition, why):
    if condition:
        return
    if IN_CI:
        raise AssertionError(f"CI=true but {why}")
    raise unittest.SkipTest(why)


def marked_processes(marker):
    """Pids of live processes whose TMPDIR is `marker` or below it (bfbench and its children:
    the cc engine gives its compiler a TMPDIR inside its own directory)."""
    needle = f"TMPDIR={marker}".encode()
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as env:
                variables = env.read().split(b"\0")
                if any(v == needle or v.startswith(needle + b"/") for v in variables):
                    with open(f"/proc/{entry}/stat") as stat:
                        if stat.read().rsplit(")", 1)[1].split()[0] != "Z":
                            found.append(int(entry))
        except OSError:
            continue
    return found


def wait_for(condition, limit):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


class Case:
    """One bfbench process with a private TMPDIR, its stdout read into memory."""

    def __init__(self, args, stdin=subprocess.DEVNULL):
        self.tmp = tempfile.mkdtemp(prefix="bfbench-fault-")
        env = dict(os.environ, TMPDIR=self.tmp)
        self.out_file = tempfile.TemporaryFile()
        self.process = subprocess.Popen([BFBENCH, *args], stdin=stdin, stdout=self.out_file,
                                        stderr=subprocess.PIPE, env=env)

    def children(self):
        return [pid for pid in marked_processes(self.tmp) if pid != self.process.pid]

    def finish(self, limit=60):
        try:
            _, err = self.process.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.communicate()
            raise AssertionError(f"bfbench did not end within {limit} s")
        self.out_file.seek(0)
        return self.process.returncode, self.out_file.read(), err.decode(errors="replace")

    def leftovers(self):
        """Children still alive (after a moment to be reaped) and files left in TMPDIR."""
        wait_for(lambda: not self.children(), 2.0)
        return self.children(), os.listdir(self.tmp)

    def close(self):
        for pid in self.children():
            os.kill(pid, signal.SIGKILL)
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.out_file.close()


class FaultInjection(unittest.TestCase):
    cases_run = 0

    @classmethod
    def setUpClass(cls):
        cls.random = random.Random(SEED)

    @classmethod
    def tearDownClass(cls):
        print(f"\nfault injection: {cls.cases_run} cases (seed {SEED})")

    def program(self, name):
        path = CORPUS / f"{name}.b"
        need(path.is_file(), f"{path} is missing (run scripts/fetch-corpus)")
        return path, (CORPUS / f"{name}.out").read_bytes()

    def check_clean_end(self, case, status, out, expected_out, allowed, what):
        children, files = case.leftovers()
        self.assertEqual(children, [], f"{what}: processes survived")
        self.assertEqual(files, [], f"{what}: left in TMPDIR")
        self.assertIn(status, allowed, f"{what}: exit status")
        self.assertTrue(expected_out.startswith(out),
                        f"{what}: stdout ({len(out)} bytes) is not a prefix of the expected output")
        FaultInjection.cases_run += 1

    def test_signal_while_the_c_compiler_runs(self):
        path, expected = self.program("mandelbrot")
        need(shutil.which(os.environ.get("CC", "cc")) is not None, "no C compiler")
        for _ in range(CASES_PER_KIND):
            sig = self.random.choice(list(STATUS_FOR_SIGNAL))
            delay = self.random.uniform(0.0, 0.3)
            what = f"cc compile, {sig.name} {delay:.2f} s after the compiler started"
            case = Case(["run", "--engine", "cc", "-O3", str(path)])
            try:
                self.assertTrue(wait_for(lambda: case.children(), 20), f"{what}: no compiler seen")
                time.sleep(delay)
                case.process.send_signal(sig)
                status, out, err = case.finish()
                self.check_clean_end(case, status, out, expected, {STATUS_FOR_SIGNAL[sig]}, what)
            finally:
                case.close()

    def test_signal_while_a_program_runs(self):
        path, expected = self.program("mandelbrot")
        # Every in-process engine once, at a level where mandelbrot runs long enough to be hit.
        for engine, level in [("naive", "O0"), ("threaded", "O0"), ("handjit", "O0"),
                              ("xbyak", "O0"), ("asmjit", "O0"), ("naive", "O3"),
                              ("threaded", "O3")]:
            sig = self.random.choice(list(STATUS_FOR_SIGNAL))
            delay = self.random.uniform(0.05, 1.5)
            what = f"{engine} {level} mandelbrot, {sig.name} after {delay:.2f} s"
            case = Case(["run", "--engine", engine, "-O", level, str(path)])
            try:
                time.sleep(delay)
                case.process.send_signal(sig)
                status, out, err = case.finish()
                # A fast engine may have finished first: then the whole output, status 0.
                allowed = {STATUS_FOR_SIGNAL[sig]} | ({0} if out == expected else set())
                self.check_clean_end(case, status, out, expected, allowed, what)
            finally:
                case.close()

    def test_output_written_so_far_reaches_stdout(self):
        # naive O0 needs about 13 s for mandelbrot and prints its rows as it goes: after 3 s the
        # buffered rows must come out, not be lost with the process.
        path, expected = self.program("mandelbrot")
        case = Case(["run", "--engine", "naive", "-O0", str(path)])
        try:
            time.sleep(3)
            case.process.send_signal(signal.SIGINT)
            status, out, err = case.finish()
            self.check_clean_end(case, status, out, expected, {130}, "naive O0, SIGINT after 3 s")
            self.assertGreater(len(out), 0, "the rows printed before the signal were lost")
        finally:
            case.close()

    def test_signal_while_parsing(self):
        source = tempfile.NamedTemporaryFile(suffix=".b", delete=False)
        try:
            source.write(b"+>-<" * (4 << 20))  # 16 MiB: parsing and optimizing take a while
            source.close()
            for _ in range(CASES_PER_KIND):
                sig = self.random.choice(list(STATUS_FOR_SIGNAL))
                delay = self.random.uniform(0.0, 0.3)
                what = f"parsing 16 MiB, {sig.name} after {delay:.2f} s"
                case = Case(["run", "--engine", "naive", "-O3", source.name])
                try:
                    time.sleep(delay)
                    case.process.send_signal(sig)
                    status, out, err = case.finish()
                    self.check_clean_end(case, status, out, b"", {STATUS_FOR_SIGNAL[sig], 0}, what)
                finally:
                    case.close()
        finally:
            os.unlink(source.name)

    def test_a_closed_output_pipe_ends_the_run_promptly(self):
        # A program that prints forever: the reader goes away, bfbench must end with 74 and say
        # so once, not run on or flood stderr.
        for engine in ["naive", "threaded", "handjit", "xbyak", "asmjit"]:
            what = f"{engine}: reader closed"
            tmp = tempfile.mkdtemp(prefix="bfbench-fault-")
            try:
                process = subprocess.Popen([BFBENCH, "run", "--engine", engine, "-e", "+[.]"],
                                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                           env=dict(os.environ, TMPDIR=tmp))
                process.stdout.read(self.random.randint(1, 300_000))
                process.stdout.close()
                try:
                    _, err = process.communicate(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.communicate()
                    raise AssertionError(f"{what}: still running 10 s after its reader left")
                status = process.returncode
                if status == 64 and b"unknown engine" in err:
                    continue  # an engine this build lacks
                self.assertEqual(status, OUTPUT_ERROR, f"{what}: {err!r}")
                self.assertEqual(err.decode().count("\n"), 1, f"{what}: {err!r}")
                self.assertIn("cannot write output", err.decode())
                self.assertEqual(os.listdir(tmp), [])
                FaultInjection.cases_run += 1
            finally:
                shutil.rmtree(tmp, ignore_errors=True)

    def test_time_limits_end_the_c_compiler(self):
        path, expected = self.program("mandelbrot")
        need(shutil.which(os.environ.get("CC", "cc")) is not None, "no C compiler")
        for args, allowed, message in [
                (["--timeout", "0.4"], {TIME_LIMIT}, "time limit"),
                (["--compile-timeout", "0.4"], {COMPILE_FAILED}, "--compile-timeout")]:
            what = f"cc compile with {' '.join(args)}"
            case = Case(["run", "--engine", "cc", "-O3", *args, str(path)])
            try:
                status, out, err = case.finish()
                self.check_clean_end(case, status, out, expected, allowed, what)
                self.assertIn(message, err, what)
            finally:
                case.close()

    def test_signal_while_the_driver_benchmarks(self):
        # The benchmark driver, interrupted while compiling with cc or while timing a run: its
        # compiler goes with it, and the results file is still written, the benchmarks that did
        # not run marked as such.
        self.program("mandelbrot")
        need(shutil.which(os.environ.get("CC", "cc")) is not None, "no C compiler")
        for engine, level in [("cc", "O3"), ("naive", "O3"), ("cc", "O2")]:
            sig = self.random.choice(list(STATUS_FOR_SIGNAL))
            delay = self.random.uniform(0.2, 1.5)
            what = f"driver on {engine} {level}, {sig.name} after {delay:.2f} s"
            case = Case([f"--engine={engine}", "--program=mandelbrot", f"--level={level}",
                         f"--corpus={CORPUS.parent}", f"--out={Path(tempfile.gettempdir())}"
                         f"/bfbench-fault-{os.getpid()}.json"])
            results = Path(tempfile.gettempdir()) / f"bfbench-fault-{os.getpid()}.json"
            try:
                time.sleep(delay)
                case.process.send_signal(sig)
                status, out, err = case.finish(limit=120)
                children, files = case.leftovers()
                self.assertEqual(children, [], f"{what}: processes survived")
                self.assertEqual(files, [], f"{what}: left in TMPDIR")
                if status == 0:
                    continue  # finished before the signal: nothing to check beyond the above
                self.assertEqual(status, STATUS_FOR_SIGNAL[sig], f"{what}: {err[-500:]}")
                self.assertIn("interrupted", err, what)
                written = json.loads(results.read_text())
                self.assertTrue(any("interrupted" in b.get("error_message", "")
                                    for b in written["benchmarks"]), f"{what}: none marked")
                FaultInjection.cases_run += 1
            finally:
                case.close()
                results.unlink(missing_ok=True)
    def test_signal_while_the_gate_measures(self):
        # scripts/gate runs bfbench under valgrind in worker threads: ended, it takes them along.
        need(shutil.which("valgrind") is not None, "no valgrind")
        gate = ROOT / "scripts" / "gate"
        for sig in [signal.SIGTERM, signal.SIGINT]:
            delay = self.random.uniform(0.0, 2.0)
            what = f"scripts/gate, {sig.name} {delay:.2f} s after its first child started"
            tmp = tempfile.mkdtemp(prefix="bfbench-fault-")
            counts = Path(tempfile.gettempdir()) / f"gate-fault-{os.getpid()}.json"
            try:
                process = subprocess.Popen(
                    ["/usr/bin/python3", str(gate), "--build-dir", str(Path(BFBENCH).parents[1]),
                     "--out", str(counts)],
                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                    env=dict(os.environ, TMPDIR=tmp))
                # Counted from its first valgrind child: before that, a loaded machine may still
                # be starting Python, whose own default handlers are not the gate's.
                self.assertTrue(wait_for(lambda: any(pid != process.pid
                                                     for pid in marked_processes(tmp)), 60),
                                f"{what}: no child started")
                time.sleep(delay)
                process.send_signal(sig)
                _, err = process.communicate(timeout=60)
                self.assertTrue(wait_for(lambda: not marked_processes(tmp), 5),
                                f"{what}: processes survived")
                self.assertEqual(process.returncode, STATUS_FOR_SIGNAL[sig], f"{what}: {err!r}")
                self.assertEqual(os.listdir(tmp), [], f"{what}: left in TMPDIR")
                FaultInjection.cases_run += 1
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
                counts.unlink(missing_ok=True)


if __name__ == "__main__":
    unittest.main()
