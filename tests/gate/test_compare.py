"""scripts/compare: ratios, Mann-Whitney U significance, geomean rows, exit status."""
import tempfile
import unittest
from pathlib import Path

import support
import synthetic
from bfreport import compare, results, stats

SLOW = "run/zeta/alpha/O3"


class StatsTest(unittest.TestCase):
    def test_geomean(self):
        self.assertAlmostEqual(stats.geomean([1, 4, 16]), 4.0)
        self.assertIsNone(stats.geomean([]))

    def test_separate_samples_are_significant_overlapping_ones_are_not(self):
        self.assertLess(stats.mann_whitney([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]), 0.01)
        self.assertGreater(stats.mann_whitney([1, 3, 5, 7, 9], [2, 4, 6, 8, 10]), 0.5)
        self.assertIsNone(stats.mann_whitney([1.0], [2.0]))

    def test_three_repetitions_can_never_reach_five_percent(self):
        self.assertAlmostEqual(stats.smallest_p(3, 3), 0.1)
        self.assertLess(stats.smallest_p(5, 5), 0.01)

    def test_ratio_spread_adds_relative_errors(self):
        ratio, sd = stats.ratio_spread(10.0, 0.3, 2.0, 0.08)
        self.assertAlmostEqual(ratio, 5.0)
        self.assertAlmostEqual(sd, 5.0 * 0.05)


class CompareTest(unittest.TestCase):
    def test_an_injected_slowdown_is_the_only_significant_regression(self):
        base = results.parse(synthetic.matrix(seed=1))
        new = results.parse(synthetic.matrix(slowdown={SLOW: 1.3}, seed=2))
        comparison = compare.compare(base, new, threshold=0.05)
        self.assertEqual([r.name for r in comparison.regressions()], [SLOW])
        row = next(r for r in comparison.rows if r.name == SLOW)
        self.assertAlmostEqual(row.ratio, 1.3, delta=0.03)
        self.assertLess(row.p_value, 0.05)
        self.assertEqual(comparison.improvements(), [])

    def test_a_change_below_the_threshold_is_same_even_when_significant(self):
        base = results.parse(synthetic.matrix(seed=1))
        new = results.parse(synthetic.matrix(slowdown={SLOW: 1.04}, seed=2))
        self.assertEqual(compare.compare(base, new, threshold=0.05).regressions(), [])
        self.assertEqual([r.name for r in compare.compare(base, new, 0.02).regressions()], [SLOW])

    def test_too_few_repetitions_are_not_significant_and_say_so(self):
        base = results.parse(synthetic.matrix(seed=1, repetitions=3))
        new = results.parse(synthetic.matrix(slowdown={SLOW: 1.5}, seed=2, repetitions=3))
        comparison = compare.compare(base, new)
        self.assertEqual(comparison.regressions(), [])
        self.assertEqual(next(r for r in comparison.rows if r.name == SLOW).verdict,
                         compare.NOT_SIGNIFICANT)
        self.assertTrue(any("too few repetitions" in w for w in comparison.warnings))

    def test_geomean_row_per_phase(self):
        base = results.parse(synthetic.matrix(seed=1))
        faster = {n: 0.5 for n in results.parse(synthetic.matrix()).benchmarks
                  if n.startswith("run/")}
        new = results.parse(synthetic.matrix(slowdown=faster, seed=2))
        means = {phase: mean for phase, mean, _ in compare.compare(base, new).geomeans()}
        self.assertAlmostEqual(means["run"], 0.5, delta=0.01)
        self.assertAlmostEqual(means["compile"], 1.0, delta=0.01)

    def test_missing_new_and_failed_benchmarks_are_listed(self):
        base = results.parse(synthetic.matrix())
        data = synthetic.matrix(errors={"run/naive/beta/O1"})
        data["benchmarks"] = [r for r in data["benchmarks"]
                              if not r["name"].startswith("run/omegajit/alpha/O0")]
        data["benchmarks"] += synthetic.repeated_rows("run/newjit/alpha/O3", 0.001)
        verdicts = {r.name: r.verdict for r in compare.compare(base, results.parse(data)).rows}
        self.assertEqual(verdicts["run/omegajit/alpha/O0"], compare.MISSING)
        self.assertEqual(verdicts["run/newjit/alpha/O3"], compare.NEW)
        self.assertEqual(verdicts["run/naive/beta/O1"], compare.FAILED)

    def test_instruction_counts_need_no_significance_only_the_threshold(self):
        def counts(run):
            return results.parse({"format": results.INSTRUCTIONS_FORMAT, "benchmarks": [
                {"name": "run/a/p/O3", "instructions": run},
                {"name": "compile/a/p/O3", "instructions": 50_000}]})

        same = compare.compare(counts(1_000_000), counts(1_020_000), 0.03)
        self.assertEqual(same.regressions(), [])
        worse = compare.compare(counts(1_000_000), counts(1_040_000), 0.03)
        self.assertEqual([r.name for r in worse.regressions()], ["run/a/p/O3"])
        self.assertTrue(worse.deterministic)
        # A change of a few instructions is below --min-delta, however large in percent.
        self.assertEqual(compare.compare(counts(100), counts(200), 0.03, min_delta=1000)
                         .regressions(), [])


class CompareScriptTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.path = Path(self.dir.name)
        self.base = synthetic.write(self.path / "base.json", synthetic.matrix(seed=1))

    def tearDown(self):
        self.dir.cleanup()

    def test_exit_1_and_names_the_regression(self):
        new = synthetic.write(self.path / "new.json",
                              synthetic.matrix(slowdown={SLOW: 1.3}, seed=2))
        done = support.run_script("compare", self.base, new)
        self.assertEqual(done.returncode, 1, done.stderr)
        self.assertIn(SLOW, done.stderr)
        line = next(l for l in done.stdout.splitlines() if l.startswith(SLOW))
        self.assertIn("slower", line)
        self.assertRegex(line, r"\+(29|30|31)\.\d%")
        self.assertIn("geomean (run, 18 benchmarks)", done.stdout)

    def test_exit_0_on_an_unchanged_tree(self):
        new = synthetic.write(self.path / "new.json", synthetic.matrix(seed=7))
        done = support.run_script("compare", self.base, new, "--changes")
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertNotIn("slower", done.stdout)

    def test_bad_input_is_one_line_and_nonzero(self):
        done = support.run_script("compare", self.base, self.path / "nope.json")
        self.assertEqual(done.returncode, 66)
        self.assertEqual(done.stderr.count("\n"), 1, done.stderr)
        done = support.run_script("compare", self.base)
        self.assertEqual(done.returncode, 64)
        self.assertEqual(done.stderr.count("\n"), 1, done.stderr)


if __name__ == "__main__":
    unittest.main()
