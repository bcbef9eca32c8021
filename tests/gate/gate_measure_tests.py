"""`bfbench measure` and the gate's callgrind measurement, on the bfbench under test
($BFBENCH_BINARY): facts printed, wrong results refused, counts identical run after run."""
import hashlib
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

import support
from bfreport import gate, workload

BFBENCH = support.bfbench()


def measure(*args, corpus=None):
    command = [str(BFBENCH), "measure", *args]
    if corpus:
        command += ["--corpus", str(corpus)]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


@unittest.skipIf(BFBENCH is None, "set BFBENCH_BINARY to the bfbench under test")
class MeasureCommandTest(unittest.TestCase):
    def test_prints_the_facts_of_a_checked_run(self):
        done = measure("--engine", "naive", "--program", "hello", "-O0")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertRegex(done.stdout, r"^name=naive/hello/O0 ops=\d+ code_bytes=0 "
                                      r"output_bytes=13\n$")

    def test_no_run_skips_the_run(self):
        done = measure("--engine", "naive", "--program", "hello", "--no-run")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertNotIn("output_bytes", done.stdout)

    def test_a_wrong_output_fails_naming_the_benchmark(self):
        with tempfile.TemporaryDirectory() as scratch:
            corpus = Path(scratch)
            (corpus / "p.b").write_text("++++++++[>++++++<-]>+.")  # prints '1'
            wrong = hashlib.sha256(b"2").hexdigest()
            (corpus / "manifest.tsv").write_text(
                "name\tprogram\tinput\texpected\texpected_sha256\teof\ttape\tstatus\tcategory"
                "\tprovenance\n"
                f"p\tp.b\t-\t-\t{wrong}\tkeep\t-\tok\ttest\ttest\n")
            done = measure("--engine", "naive", "--program", "p", corpus=corpus)
            self.assertEqual(done.returncode, 1)
            self.assertIn("naive/p/O3: wrong result", done.stderr)
            self.assertEqual(done.stderr.count("\n"), 1)

    def test_bad_usage_is_exit_64_with_one_line(self):
        for args in (["--program", "hello"], ["--engine", "naive"],
                     ["--engine", "nosuch", "--program", "hello"],
                     ["--engine", "naive", "--program", "nosuch"],
                     ["--engine", "naive", "--program", "hello", "-O", "9"]):
            done = measure(*args)
            self.assertEqual(done.returncode, 64, args)
            self.assertEqual(done.stderr.count("\n"), 1, done.stderr)


@unittest.skipIf(BFBENCH is None or shutil.which("valgrind") is None,
                 "needs BFBENCH_BINARY and valgrind")
class CallgrindMeasurementTest(unittest.TestCase):
    def test_counts_are_identical_run_after_run_for_every_engine(self):
        engines = gate.available_engines(BFBENCH)
        self.assertIn("naive", engines)
        with tempfile.TemporaryDirectory() as scratch:
            for engine in engines:
                job = workload.Job(engine, "idioms", "O3", True)
                first = gate.measure(BFBENCH, job, Path(scratch))
                second = gate.measure(BFBENCH, job, Path(scratch))
                compile_name = f"compile/{engine}/idioms/O3"
                self.assertEqual(set(first), {"optimize/idioms/O3", compile_name,
                                              f"run/{engine}/idioms/O3"})
                self.assertGreater(first[f"run/{engine}/idioms/O3"]["instructions"], 100)
                # An engine that compiles in a child process (cc) waits for it in a loop whose
                # turns vary: its compile count may move by a few instructions, never by the
                # gate's --min-delta. Everything else is exact.
                wobble = abs(first[compile_name]["instructions"] -
                             second[compile_name]["instructions"])
                self.assertLess(wobble, gate.DEFAULT_MIN_DELTA, engine)
                for row in (first, second):
                    row[compile_name]["instructions"] = 0
                self.assertEqual(first, second, engine)

    def test_phases_are_separate_and_follow_the_work(self):
        with tempfile.TemporaryDirectory() as scratch:
            scratch = Path(scratch)
            small = gate.measure(BFBENCH, workload.Job("naive", "hello", "O0", True), scratch)
            large = gate.measure(BFBENCH, workload.Job("naive", "idioms", "O0", True), scratch)
        # idioms runs far more commands than hello; its parse is longer too.
        self.assertGreater(large["run/naive/idioms/O0"]["instructions"],
                           5 * small["run/naive/hello/O0"]["instructions"])
        self.assertGreater(large["optimize/idioms/O0"]["instructions"],
                           small["optimize/hello/O0"]["instructions"])
        self.assertEqual(small["run/naive/hello/O0"]["output_bytes"], 13)

    def test_the_optimize_phase_does_not_depend_on_the_engine(self):
        engines = gate.available_engines(BFBENCH)
        with tempfile.TemporaryDirectory() as scratch:
            counts = {gate.measure(BFBENCH, workload.Job(e, "idioms", "O3", False), Path(scratch))
                      ["optimize/idioms/O3"]["instructions"] for e in engines}
        self.assertEqual(len(counts), 1, counts)


if __name__ == "__main__":
    unittest.main()
