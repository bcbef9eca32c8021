"""Reading result files: Google Benchmark's repetition rows, aggregates, errors, bad files."""
import json
import tempfile
import unittest
from pathlib import Path

import support  # noqa: F401  (puts scripts/ on sys.path)
import synthetic
from bfreport import cli, names, results


class NamesTest(unittest.TestCase):
    def test_strips_the_options_google_benchmark_appends(self):
        name = names.parse("run/threaded/hanoi/O2/min_time:0.500/repeats:5/real_time")
        self.assertEqual(name.full, "run/threaded/hanoi/O2")
        self.assertEqual((name.phase, name.engine, name.program, name.level),
                         ("run", "threaded", "hanoi", "O2"))

    def test_other_benchmarks_keep_their_name_and_have_no_parts(self):
        name = names.parse("BM_parse/mandelbrot")
        self.assertEqual(name.full, "BM_parse/mandelbrot")
        self.assertIsNone(name.engine)

    def test_levels_sort_numerically(self):
        self.assertEqual(sorted(["O10", "O2", "O0"], key=names.level_key), ["O0", "O2", "O10"])


class LoadTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.path = Path(self.dir.name)

    def tearDown(self):
        self.dir.cleanup()

    def test_repetitions_become_samples_in_seconds_with_counters(self):
        rows = synthetic.repeated_rows("run/naive/hello/O3/min_time:0.100", 0.002, repetitions=4,
                                       counters={"ops": 115.0, "code_bytes": 0.0})
        res = results.parse({"context": synthetic.context(), "benchmarks": rows})
        bench = res.get("run", "naive", "hello", "O3")
        self.assertEqual(len(bench.samples), 4)  # aggregates are not samples
        for sample in bench.samples:
            self.assertAlmostEqual(sample, 0.002, delta=0.002 * 0.011)
        self.assertEqual(bench.counters["ops"], 115.0)
        self.assertGreater(bench.stddev, 0)
        self.assertEqual(res.context["git_commit"], "0123456789ab")

    def test_time_units_are_converted(self):
        rows = [{"name": "run/a/p/O0", "run_type": "iteration", "iterations": 1,
                 "real_time": 3.0, "cpu_time": 2.0, "time_unit": "ms"}]
        self.assertAlmostEqual(results.parse({"benchmarks": rows}).get("run", "a", "p", "O0")
                               .samples[0], 0.003)
        cpu = results.parse({"benchmarks": rows}, metric="cpu_time")
        self.assertAlmostEqual(cpu.get("run", "a", "p", "O0").samples[0], 0.002)

    def test_aggregates_only_files_use_mean_and_stddev(self):
        rows = [r for r in synthetic.repeated_rows("run/a/p/O1", 1.0, repetitions=5)
                if r["run_type"] == "aggregate"]
        bench = results.parse({"benchmarks": rows}).get("run", "a", "p", "O1")
        self.assertEqual(len(bench.samples), 1)
        self.assertAlmostEqual(bench.samples[0], 1.0, delta=0.011)
        self.assertGreater(bench.stddev, 0)

    def test_an_errored_benchmark_keeps_its_message(self):
        rows = synthetic.repeated_rows("run/a/p/O1", 1.0, repetitions=3, error="wrong output")
        res = results.parse({"benchmarks": rows})
        bench = res.get("run", "a", "p", "O1")
        self.assertFalse(bench.ok)
        self.assertEqual(bench.error, "wrong output")
        self.assertEqual([b.name.full for b in res.failed()], ["run/a/p/O1"])

    def test_engines_keep_file_order_and_levels_sort(self):
        res = results.parse(synthetic.matrix())
        self.assertEqual(res.engines(), list(synthetic.ENGINES))
        self.assertEqual(res.levels(), ["O0", "O1", "O3"])
        self.assertEqual(res.programs("run"), list(synthetic.PROGRAMS))

    def test_instruction_files_are_recognised(self):
        data = {"format": results.INSTRUCTIONS_FORMAT, "context": {},
                "benchmarks": [{"name": "run/a/p/O3", "instructions": 1234, "ops": 7}]}
        res = results.parse(data)
        self.assertEqual(res.kind, "instructions")
        self.assertEqual(res.get("run", "a", "p", "O3").samples, [1234.0])

    def test_bad_files_are_one_line_failures_with_exit_codes(self):
        missing = self.path / "missing.json"
        with self.assertRaises(cli.Failure) as caught:
            results.load(missing)
        self.assertEqual(caught.exception.code, cli.EXIT_CANNOT_READ)
        for text in ("{not json", json.dumps({"context": {}}), json.dumps({"benchmarks": []}),
                     json.dumps({"benchmarks": [{"name": "x", "real_time": "fast"}]})):
            bad = self.path / "bad.json"
            bad.write_text(text)
            with self.assertRaises(cli.Failure) as caught:
                results.load(bad)
            self.assertEqual(caught.exception.code, cli.EXIT_DATA, text)
            self.assertNotIn("\n", caught.exception.message)


if __name__ == "__main__":
    unittest.main()
