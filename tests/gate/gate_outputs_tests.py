"""scripts/gate's machine-readable outputs on a real measurement: one small job (naive echo at
O3) under callgrind, judged against a baseline made here, then against a doctored one (the run a
third cheaper, the compile benchmark renamed to a level not measured), with --json, --junit,
--summary and --record."""
import json
import os
import tempfile
import unittest
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import support
from bfreport import store, verdicts

FILTER = "^(run|compile)/naive/echo/O[0-9]$"   # the workload has echo at O3 only


class GateOutputsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        binary = support.bfbench()
        if binary is None:
            if os.environ.get("CI") == "true":
                raise RuntimeError("CI=true: BFBENCH_BINARY is not set (run through ctest)")
            raise unittest.SkipTest("BFBENCH_BINARY is not set (run through ctest)")
        cls.build_dir = binary.parents[1]
        cls.scratch = tempfile.TemporaryDirectory()
        cls.path = Path(cls.scratch.name)
        cls.db = cls.path / "history.sqlite"
        cls.baseline = cls.path / "baseline.json"
        done = cls.gate("--update", "--baseline", cls.baseline)
        assert done.returncode == 0, done.stdout + done.stderr
        cls.passed = cls.gate("--baseline", cls.baseline, *cls.outputs("ok"))
        doctored = json.loads(cls.baseline.read_text())
        for row in doctored["benchmarks"]:
            if row["name"].startswith("run/"):
                row["instructions"] = int(row["instructions"] / 1.5)   # beyond --min-delta too
            else:
                row["name"] = "compile/naive/echo/O0"
        cls.doctored = cls.path / "doctored.json"
        cls.doctored.write_text(json.dumps(doctored))
        cls.failed = cls.gate("--baseline", cls.doctored, *cls.outputs("bad"))

    @classmethod
    def tearDownClass(cls):
        cls.scratch.cleanup()

    @classmethod
    def gate(cls, *args):
        return support.run_script("gate", "--build-dir", cls.build_dir, "--filter", FILTER,
                                  "--out", cls.path / "counts.json", *args)

    @classmethod
    def outputs(cls, name):
        return ["--json", cls.path / f"{name}.json", "--junit", cls.path / f"{name}.xml",
                "--summary", cls.path / f"{name}.md", "--record", "--db", cls.db]

    def test_the_exit_status_follows_the_verdict(self):
        self.assertEqual(self.passed.returncode, 0, self.passed.stdout + self.passed.stderr)
        self.assertEqual(self.failed.returncode, 1, self.failed.stdout + self.failed.stderr)

    def test_json_says_what_failed_and_how_to_reproduce_it(self):
        ok = json.loads((self.path / "ok.json").read_text())
        bad = json.loads((self.path / "bad.json").read_text())
        self.assertEqual((ok["passed"], ok["exit_status"]), (True, 0))
        self.assertEqual((bad["passed"], bad["exit_status"]), (False, 1))
        verdict_of = {r["name"]: r["verdict"] for r in bad["comparison"]["rows"]}
        self.assertEqual(verdict_of, {"run/naive/echo/O3": "slower",
                                      "compile/naive/echo/O0": "missing",
                                      "compile/naive/echo/O3": "new"})
        self.assertIn(str(self.doctored), bad["command"])
        self.assertIn("--filter", bad["command"])
        validator = support.schema_validator(self, verdicts.SCHEMA)
        self.assertEqual(support.schema_errors(validator, bad), [])
        self.assertEqual(support.schema_errors(validator, ok), [])

    def test_junit_fails_the_regressed_and_missing_benchmarks(self):
        root = ElementTree.parse(self.path / "bad.xml").getroot()
        failed = sorted(c.get("name") for c in root.iter("testcase")
                        if c.find("failure") is not None)
        self.assertEqual(failed, ["compile/naive/echo/O0", "run/naive/echo/O3"])
        root = ElementTree.parse(self.path / "ok.xml").getroot()
        self.assertEqual(len(list(root.iter("testcase"))), 2)
        self.assertEqual(root.get("failures"), "0")

    def test_the_summary_lists_the_changed_rows_only(self):
        bad = (self.path / "bad.md").read_text()
        self.assertIn("| run/naive/echo/O3 |", bad)
        self.assertIn("| compile/naive/echo/O0 |", bad)
        self.assertIn("FAILED", bad)
        ok = (self.path / "ok.md").read_text()
        self.assertNotIn("| run/naive/echo/O3 |", ok)
        self.assertIn("passed", ok)

    def test_the_counts_are_recorded_once_with_this_machine(self):
        with store.open_store(str(self.db)) as db:
            runs = db.query("SELECT source, kind, command FROM runs")
            self.assertEqual(len(runs), 1, runs)   # the same counts twice: one run
            self.assertEqual(runs[0][:2], ("gate", "instructions"))
            self.assertIn("scripts/gate", runs[0][2])
            facts = json.loads(db.query("SELECT facts FROM machines")[0][0])
            self.assertEqual(facts["kernel"], os.uname().release)
        self.assertIn("already recorded", self.failed.stdout)


if __name__ == "__main__":
    unittest.main()
