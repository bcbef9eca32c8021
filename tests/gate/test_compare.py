"""scripts/compare: ratios and their intervals, Mann-Whitney U significance, rows that cannot be
significant, missing benchmarks, geomean rows, --json, exit status."""
import json
import tempfile
import unittest
from pathlib import Path

import support
import synthetic
from bfreport import compare, compare_json, results, stats

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

    def test_two_against_five_repetitions_cannot_reach_five_percent(self):
        self.assertAlmostEqual(stats.smallest_p(2, 5), 2 / 21)

    def test_ratio_interval_holds_the_ratio_and_is_the_same_every_time(self):
        base = [1.00, 1.02, 0.99, 1.01, 1.00]
        new = [1.30, 1.31, 1.29, 1.33, 1.30]
        low, high = stats.ratio_interval(base, new)
        self.assertLess(low, 1.30)
        self.assertGreater(high, 1.30)
        self.assertGreater(low, 1.2)   # far from "no change"
        self.assertLess(high, 1.4)
        self.assertEqual(stats.ratio_interval(base, new), (low, high))
        self.assertIsNone(stats.ratio_interval([1.0], new))

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

    def test_too_few_repetitions_cannot_be_significant_and_say_so(self):
        base = results.parse(synthetic.matrix(seed=1, repetitions=3))
        new = results.parse(synthetic.matrix(slowdown={SLOW: 1.5}, seed=2, repetitions=3))
        comparison = compare.compare(base, new)
        self.assertEqual(comparison.regressions(), [])
        self.assertEqual(next(r for r in comparison.rows if r.name == SLOW).verdict,
                         compare.INSUFFICIENT)
        self.assertTrue(any("too few repetitions" in w for w in comparison.warnings))

    def test_every_row_two_against_five_is_marked_and_the_warning_counts_them(self):
        # The case of issue 12: +96% with 2 against 5 repetitions was "not significant".
        base = results.parse(synthetic.matrix(seed=1, repetitions=2))
        new = results.parse(synthetic.matrix(slowdown={SLOW: 1.96}, seed=2, repetitions=5))
        comparison = compare.compare(base, new)
        row = next(r for r in comparison.rows if r.name == SLOW)
        self.assertEqual(row.verdict, compare.INSUFFICIENT)
        self.assertEqual(row.samples, (2, 5))
        self.assertAlmostEqual(row.smallest_p, 0.095, places=3)
        self.assertNotIn(compare.NOT_SIGNIFICANT, {r.verdict for r in comparison.rows})
        self.assertEqual(len(comparison.insufficient()), 36)
        self.assertTrue(all(r.can_be_significant is False for r in comparison.rows))
        warning = next(w for w in comparison.warnings if "too few repetitions" in w)
        self.assertIn("36 of 36 compared benchmarks cannot be significant", warning)
        self.assertIn("2 vs 5 samples", warning)
        self.assertIn("cannot be significant with these counts", compare.table(comparison).text())

    def test_five_repetitions_a_side_are_not_marked(self):
        base = results.parse(synthetic.matrix(seed=1))
        new = results.parse(synthetic.matrix(slowdown={SLOW: 1.01}, seed=2))
        comparison = compare.compare(base, new)
        self.assertEqual(comparison.insufficient(), [])
        self.assertTrue(all(r.can_be_significant for r in comparison.rows))
        self.assertFalse(any("too few repetitions" in w for w in comparison.warnings))
        self.assertNotIn("cannot be significant", compare.table(comparison).text())

    def test_each_change_carries_its_interval(self):
        base = results.parse(synthetic.matrix(seed=1))
        new = results.parse(synthetic.matrix(slowdown={SLOW: 1.3}, seed=2))
        for row in compare.compare(base, new).rows:
            low, high = row.ratio_ci
            self.assertLessEqual(low, row.ratio, row.name)
            self.assertGreaterEqual(high, row.ratio, row.name)
            if row.name == SLOW:
                self.assertGreater(low, 1.2)
                self.assertLess(high, 1.4)
            else:
                self.assertTrue(low < 1.03 and high > 0.97, row.name)

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

    def test_missing_benchmarks_are_named_in_a_warning(self):
        base = results.parse(synthetic.matrix())
        data = synthetic.matrix()
        data["benchmarks"] = [r for r in data["benchmarks"] if "/alpha/" not in r["name"]]
        comparison = compare.compare(base, results.parse(data, "new.json"))
        self.assertEqual(len(comparison.missing()), 18)
        warning = next(w for w in comparison.warnings if "missing" in w)
        self.assertIn("18 of the 36 benchmarks", warning)
        self.assertIn("compile/naive/alpha/O0", warning)
        self.assertIn("and 8 more", warning)

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


def _only(data, keep):
    """`data` with only the benchmarks whose name contains `keep`."""
    data["benchmarks"] = [r for r in data["benchmarks"] if keep in r["name"]]
    return data


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

    def test_all_benchmarks_missing_warns_and_fails_with_the_flag(self):
        other = synthetic.write(self.path / "other.json", {"context": synthetic.context(),
                                "benchmarks": synthetic.repeated_rows("run/x/y/O3", 0.001)})
        done = support.run_script("compare", self.base, other)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("none of the 36 benchmarks of", done.stderr)
        self.assertIn("nothing was compared", done.stderr)
        done = support.run_script("compare", self.base, other, "--fail-on-missing")
        self.assertEqual(done.returncode, compare.EXIT_MISSING, done.stderr)
        self.assertIn("36 benchmark(s) of", done.stderr)
        self.assertIn("run/omegajit/beta/O3", done.stderr)

    def test_fail_on_missing_names_them_and_exits_3(self):
        new = synthetic.write(self.path / "new.json", _only(synthetic.matrix(seed=2), "beta"))
        done = support.run_script("compare", self.base, new, "--fail-on-missing")
        self.assertEqual(done.returncode, 3, done.stderr)
        last = done.stderr.splitlines()[-1]
        self.assertIn("18 benchmark(s)", last)
        self.assertIn("run/naive/alpha/O0", last)
        self.assertNotIn("beta", last)
        # Everything present: the flag changes nothing.
        same = synthetic.write(self.path / "same.json", synthetic.matrix(seed=2))
        self.assertEqual(support.run_script("compare", self.base, same,
                                            "--fail-on-missing").returncode, 0)

    def test_a_regression_wins_over_missing_benchmarks(self):
        new = synthetic.write(self.path / "new.json", _only(
            synthetic.matrix(slowdown={SLOW: 1.3}, seed=2), "alpha"))
        done = support.run_script("compare", self.base, new, "--fail-on-missing")
        self.assertEqual(done.returncode, 1, done.stderr)
        self.assertIn("missing", done.stderr)

    def test_help_documents_the_exit_codes_and_the_json_format(self):
        done = support.run_script("compare", "--help")
        self.assertEqual(done.returncode, 0)
        for line in ("0   no benchmark significantly slower", "1   at least one", "3   --fail-on",
                     "64  bad usage", "66  an input file cannot be read"):
            self.assertIn(line, done.stdout)
        self.assertIn("reports/compare-json.md", done.stdout)
        self.assertTrue((support.ROOT / "reports" / "compare-json.md").is_file())


class CompareJsonTest(unittest.TestCase):
    """--json output checked against scripts/bfreport/compare.schema.json."""

    def setUp(self):
        self.validator = support.schema_validator(self, compare_json.SCHEMA)
        self.schema = self.validator.schema
        self.dir = tempfile.TemporaryDirectory()
        self.path = Path(self.dir.name)

    def tearDown(self):
        self.dir.cleanup()

    def validate(self, document):
        self.assertEqual(support.schema_errors(self.validator, document), [])

    def test_schema_lists_every_verdict(self):
        self.assertEqual(set(self.schema["$defs"]["verdict"]["enum"]), set(compare.VERDICTS))

    def test_json_on_stdout_replaces_the_table_and_matches_the_schema(self):
        base = synthetic.write(self.path / "base.json", synthetic.matrix(seed=1))
        data = synthetic.matrix(slowdown={SLOW: 1.3}, seed=2, errors={"run/naive/beta/O1"})
        data["benchmarks"] += synthetic.repeated_rows("run/newjit/alpha/O3", 0.001)
        new = synthetic.write(self.path / "new.json", data)
        done = support.run_script("compare", base, new, "--json")
        self.assertEqual(done.returncode, 1, done.stderr)
        document = json.loads(done.stdout)
        self.validate(document)
        self.assertEqual(document["exit_status"], 1)
        rows = {r["name"]: r for r in document["rows"]}
        self.assertEqual(rows[SLOW]["verdict"], "slower")
        self.assertEqual((rows[SLOW]["engine"], rows[SLOW]["program"], rows[SLOW]["level"]),
                         ("zeta", "alpha", "O3"))
        self.assertLess(rows[SLOW]["ratio_ci"][0], rows[SLOW]["ratio"])
        self.assertEqual(rows[SLOW]["samples"], [5, 5])
        self.assertEqual(rows["run/naive/beta/O1"]["verdict"], "failed")
        self.assertEqual(rows["run/newjit/alpha/O3"]["verdict"], "new")
        self.assertEqual(document["counts"]["slower"], 1)
        self.assertNotIn("geomean (", done.stdout)  # no table on stdout, only the JSON

    def test_json_file_beside_the_table_for_two_against_five(self):
        base = synthetic.write(self.path / "base.json", synthetic.matrix(seed=1, repetitions=2))
        new = synthetic.write(self.path / "new.json", _only(
            synthetic.matrix(slowdown={SLOW: 1.96}, seed=2), "alpha"))
        out = self.path / "comparison.json"
        done = support.run_script("compare", base, new, f"--json={out}", "--fail-on-missing")
        self.assertEqual(done.returncode, 3, done.stderr)
        self.assertIn("geomean (run", done.stdout)
        document = json.loads(out.read_text())
        self.validate(document)
        self.assertEqual(document["exit_status"], 3)
        self.assertEqual(document["counts"]["missing"], 18)
        self.assertEqual(document["cannot_be_significant"], 18)
        row = next(r for r in document["rows"] if r["name"] == SLOW)
        self.assertEqual(row["verdict"], "cannot be significant")
        self.assertFalse(row["can_be_significant"])
        self.assertAlmostEqual(row["smallest_p"], 2 / 21)

    def test_real_bfbench_results_validate(self):
        # Two real `bfbench --program=hello` results: 2 and 5 repetitions (tests/gate/data).
        base = support.DATA / "hello-2-repetitions.json"
        new = support.DATA / "hello-5-repetitions.json"
        out = self.path / "real.json"
        done = support.run_script("compare", base, new, f"--json={out}")
        self.assertIn(done.returncode, (0, 1), done.stderr)
        document = json.loads(out.read_text())
        self.validate(document)
        self.assertGreater(len(document["rows"]), 0)
        for row in document["rows"]:
            self.assertEqual(row["samples"][0], 2, row["name"])
            self.assertFalse(row["can_be_significant"], row["name"])
        self.assertEqual(document["cannot_be_significant"], len(document["rows"]))

    def test_instruction_counts_validate(self):
        counts = {"format": results.INSTRUCTIONS_FORMAT, "context": {}, "benchmarks": [
            {"name": "run/a/p/O3", "instructions": 1000}, {"name": "optimize/p/O3",
                                                           "instructions": 50}]}
        base = synthetic.write(self.path / "base.json", counts)
        done = support.run_script("compare", base, base, "--json", "-")
        self.assertEqual(done.returncode, 0, done.stderr)
        document = json.loads(done.stdout)
        self.validate(document)
        self.assertTrue(document["deterministic"])
        self.assertEqual(document["metric"], "instructions")


if __name__ == "__main__":
    unittest.main()
