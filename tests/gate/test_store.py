"""The history store on SQLite (the contract in store_contract.py), change-point detection on
synthetic series, the history commands and the exports for other trackers."""
import json
import os
import random
import tempfile
import unittest
from pathlib import Path

import support
import synthetic
from bfreport import changepoints, exports, store, store_schema
from store_contract import TWO, FIVE, StoreContract, counts_document, git_repo


class SqliteStoreTest(StoreContract, unittest.TestCase):
    def open(self, upto=store_schema.LATEST):
        return store.Store(str(self.path / "history.sqlite"), upto)


class ChangePointTest(unittest.TestCase):
    def noisy(self, seed, levels):
        rng = random.Random(seed)
        return [level * (1 + rng.gauss(0, 0.02)) for level in levels]

    def test_a_persistent_shift_is_found_where_it_begins(self):
        series = self.noisy(1, [1.0] * 25 + [1.15] * 25)
        found = changepoints.detect(series)
        self.assertEqual([c.index for c in found], [25])
        self.assertLess(found[0].p_value, changepoints.DEFAULT_ALPHA)
        self.assertAlmostEqual(found[0].ratio, 1.15, delta=0.03)

    def test_two_shifts_are_both_found(self):
        found = changepoints.detect(self.noisy(2, [1.0] * 15 + [1.3] * 15 + [0.9] * 15))
        self.assertEqual([c.index for c in found], [15, 30])

    def test_noise_alone_has_no_change_point(self):
        for seed in range(5):
            self.assertEqual(changepoints.detect(self.noisy(seed, [1.0] * 50), min_change=0), [],
                             seed)

    def test_one_outlier_is_not_a_shift(self):
        series = [1.0] * 20
        series[10] = 3.0
        self.assertEqual(changepoints.detect(series, min_change=0), [])

    def test_a_step_in_deterministic_counts_is_found(self):
        found = changepoints.detect([1000] * 8 + [1200] * 8)
        self.assertEqual([(c.index, c.before, c.after) for c in found], [(8, 1000, 1200)])

    def test_a_shift_smaller_than_min_change_is_left_out(self):
        series = [1000] * 8 + [1010] * 8           # +1%: significant, but below 2%
        self.assertEqual(changepoints.detect(series), [])
        self.assertEqual([c.index for c in changepoints.detect(series, min_change=0)], [8])

    def test_too_short_series_have_none(self):
        self.assertEqual(changepoints.detect([1, 1, 2, 2]), [])


class HistoryCommandsTest(unittest.TestCase):
    def setUp(self):
        self.scratch = tempfile.TemporaryDirectory()
        self.path = Path(self.scratch.name)
        self.db = str(self.path / "h.sqlite")

    def tearDown(self):
        self.scratch.cleanup()

    def test_import_twice_then_chart_and_list_changes_from_the_database(self):
        dates = [f"2026-02-{day:02d}T12:00:00+00:00" for day in range(1, 11)]
        shas = git_repo(self.path / "repo", dates)
        files = []
        for index, sha in enumerate(shas):
            data = synthetic.matrix(seed=index, repetitions=3,
                                    slowdown={"run/zeta/alpha/O3": 1.5} if index >= 5 else None)
            data["context"]["git_commit"] = sha[:12]
            files.append(synthetic.write(self.path / f"r{index}.json", data))
        done = support.run_script("history", "import", *files, "--db", self.db,
                                  "--repo", self.path / "repo")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout.count("measurements"), 10)
        again = support.run_script("history", "import", files[0], "--db", self.db)
        self.assertIn("already recorded", again.stdout)
        done = support.run_script("history", "chart", "--db", self.db, "-o", self.path / "c")
        self.assertEqual(done.returncode, 0, done.stderr)
        for name in ("history.png", "history.svg", "index.html", "changes.md"):
            self.assertTrue((self.path / "c" / name).is_file(), name)
        changes = (self.path / "c" / "changes.md").read_text()
        self.assertIn("zeta/alpha/O3", changes)
        self.assertIn(shas[5][:8], changes)      # the commit where the shift begins
        self.assertIn("2026-02-06", changes)     # with its date
        self.assertNotIn("naive/alpha/O3", changes)
        svg = (self.path / "c" / "history.svg").read_text()
        self.assertIn(shas[0][:8], svg)          # commits label the date axis
        done = support.run_script("history", "changes", "--db", self.db, "--markdown")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn(shas[5][:8], done.stdout)
        done = support.run_script("history", "machines", "--db", self.db)
        self.assertIn(store.identity(store.machine_facts(synthetic.context())), done.stdout)

    def test_record_fills_this_machine_and_bad_input_is_one_line(self):
        done = support.run_script("history", "record", TWO, "--db", self.db, "--command",
                                  "bfbench --program=hello")
        self.assertEqual(done.returncode, 0, done.stderr)
        with store.open_store(self.db) as db:
            self.assertEqual(db.query("SELECT source, command FROM runs"),
                             [("record", "bfbench --program=hello")])
            facts = json.loads(db.query("SELECT facts FROM machines")[0][0])
            self.assertIn("kernel", facts)
        bad = self.path / "bad.json"
        bad.write_text("[]")
        done = support.run_script("history", "import", bad, "--db", self.db)
        self.assertEqual(done.returncode, 65)
        self.assertEqual(done.stderr.count("\n"), 1, done.stderr)

    def test_a_view_of_a_missing_database_fails_and_creates_nothing(self):
        missing = self.path / "none" / "h.sqlite"
        for command in (["machines"], ["changes"], ["chart", "-o", self.path / "c"]):
            done = support.run_script("history", *command, "--db", missing)
            self.assertEqual(done.returncode, 66, done.stderr)
            self.assertIn("no history at", done.stderr)
        self.assertFalse(missing.parent.exists())

    def test_the_default_database_is_named_by_the_environment(self):
        env_db = self.path / "env.sqlite"
        os.environ["BFBENCH_HISTORY_DB"] = str(env_db)
        try:
            with store.open_store() as db:
                self.assertEqual(db.target, str(env_db))
        finally:
            del os.environ["BFBENCH_HISTORY_DB"]
        self.assertTrue(env_db.is_file())


class ExportTest(unittest.TestCase):
    """Structure of each tracker's documented input format, checked with a JSON Schema."""

    def setUp(self):
        self.scratch = tempfile.TemporaryDirectory()
        self.path = Path(self.scratch.name)
        self.counts = self.path / "counts.json"
        self.counts.write_text(json.dumps(counts_document(
            "abc", {"run/naive/p/O3": 1000, "compile/handjit/p/O3": 500})))

    def tearDown(self):
        self.scratch.cleanup()

    def validate(self, schema_name, document):
        validator = support.schema_validator(self, support.DATA / schema_name)
        self.assertEqual(support.schema_errors(validator, document), [])

    def test_github_action_benchmark_custom_smaller_is_better(self):
        done = support.run_script("history", "export", FIVE, self.counts, "--format",
                                  "github-action-benchmark", "-o", self.path / "gab.json")
        self.assertEqual(done.returncode, 0, done.stderr)
        document = json.loads((self.path / "gab.json").read_text())
        self.validate("github-action-benchmark.schema.json", document)
        by_name = {(e["name"], e["unit"]): e for e in document}
        self.assertIn(("run/naive/hello/O0", "ns"), by_name)
        self.assertIn(("run/naive/p/O3", "instructions"), by_name)
        self.assertIn(("compile/handjit/p/O3 code size", "bytes"), by_name)
        self.assertEqual(by_name[("run/naive/p/O3", "instructions")]["value"], 1000)

    def test_bencher_metric_format_has_time_instructions_and_code_size_apart(self):
        document = exports.bencher([str(FIVE), str(self.counts)])
        self.validate("bencher-metric-format.schema.json", document)
        self.assertEqual(set(document["run/naive/hello/O0"]), {"latency"})
        latency = document["run/naive/hello/O0"]["latency"]
        self.assertLessEqual(latency["lower_value"], latency["value"])
        self.assertLessEqual(latency["value"], latency["upper_value"])
        self.assertEqual(document["run/naive/p/O3"], {"instructions": {"value": 1000}})
        self.assertEqual(document["compile/handjit/p/O3"]["code-size"], {"value": 100.0})


if __name__ == "__main__":
    unittest.main()
