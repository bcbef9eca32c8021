"""The gate's verdict as JSON (against gate.schema.json), JUnit XML and a Markdown summary, on
synthetic instruction counts: one benchmark 10% worse, one 10% better, one missing, one new."""
import tempfile
import unittest
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import support
from bfreport import compare, results, verdicts

BASE = {"run/naive/p/O3": 1_000_000, "run/zeta/p/O3": 2_000_000, "run/naive/q/O3": 500_000,
        "compile/zeta/p/O3": 40_000, "optimize/p/O3": 30_000}
NOW = {"run/naive/p/O3": 1_100_000, "run/zeta/p/O3": 1_800_000, "compile/zeta/p/O3": 40_100,
       "optimize/p/O3": 30_000, "run/omegajit/p/O3": 10_000}
COMMAND = ["scripts/gate", "--filter", "^run/"]


def counts(values, commit):
    rows = [{"name": k, "instructions": v} for k, v in values.items()]
    return results.parse({"format": results.INSTRUCTIONS_FORMAT,
                          "context": {"git_commit": commit}, "benchmarks": rows}, commit)


def verdict(base=BASE, now=NOW, failures=()):
    old, new = counts(base, "base1234"), counts(now, "new56789")
    comparison = compare.compare(old, new, 0.03, min_delta=1000)
    return verdicts.Verdict(comparison, old, new, "reports/baseline/instructions.json",
                            COMMAND, 1000, list(failures), ["cpu_model differs"])


class GateJsonTest(unittest.TestCase):
    def setUp(self):
        # The schema refers to compare.schema.json beside it.
        self.validator = support.schema_validator(self, verdicts.SCHEMA)

    def errors(self, document):
        return support.schema_errors(self.validator, document)

    def test_a_failed_verdict_matches_the_schema_and_names_its_problems(self):
        document = verdicts.document(verdict())
        self.assertEqual(self.errors(document), [])
        self.assertFalse(document["passed"])
        self.assertEqual(document["exit_status"], 1)
        self.assertIn("run/naive/p/O3 +10.0%", document["verdict"])
        self.assertIn("run/naive/q/O3", document["verdict"])   # missing
        self.assertEqual(document["command"], "scripts/gate --filter '^run/'")
        by_name = {r["name"]: r["verdict"] for r in document["comparison"]["rows"]}
        self.assertEqual(by_name, {"run/naive/p/O3": "slower", "run/zeta/p/O3": "faster",
                                   "run/naive/q/O3": "missing", "compile/zeta/p/O3": "same",
                                   "optimize/p/O3": "same", "run/omegajit/p/O3": "new"})

    def test_a_passing_verdict_matches_the_schema(self):
        document = verdicts.document(verdict(now=BASE))
        self.assertEqual(self.errors(document), [])
        self.assertTrue(document["passed"])
        self.assertTrue(document["verdict"].startswith("ok: "))

    def test_the_schema_rejects_a_pass_that_exits_1(self):
        document = verdicts.document(verdict(now=BASE))
        document["exit_status"] = 1
        self.assertNotEqual(self.errors(document), [])


class GateJunitTest(unittest.TestCase):
    def test_one_testcase_per_benchmark_and_a_failure_per_regression(self):
        root = ElementTree.fromstring(verdicts.junit(verdict(failures=["zeta/p/O3: crashed"])))
        self.assertEqual(root.tag, "testsuites")
        suite = root.find("testsuite")
        cases = suite.findall("testcase")
        names = [c.get("name") for c in cases]
        self.assertEqual(len(cases), 7)   # 6 benchmarks + 1 failed measurement
        self.assertEqual(suite.get("tests"), "7")
        self.assertEqual(suite.get("failures"), "2")
        self.assertEqual(suite.get("errors"), "1")
        for name in NOW.keys() | BASE.keys():
            self.assertIn(name, names)
        failed = {c.get("name"): c.find("failure") for c in cases if c.find("failure") is not None}
        self.assertEqual(set(failed), {"run/naive/p/O3", "run/naive/q/O3"})
        self.assertEqual(failed["run/naive/p/O3"].get("type"), "slower")
        self.assertIn("+10.0%", failed["run/naive/p/O3"].get("message"))
        self.assertIn("scripts/gate --filter", failed["run/naive/p/O3"].text)
        errors = [c for c in cases if c.find("error") is not None]
        self.assertEqual([e.find("error").get("message") for e in errors], ["zeta/p/O3: crashed"])
        for case in cases:
            self.assertTrue(case.get("classname").startswith("bfbench.gate."))

    def test_a_pass_has_no_failures(self):
        root = ElementTree.fromstring(verdicts.junit(verdict(now=BASE)))
        self.assertEqual(root.get("failures"), "0")
        self.assertEqual(root.findall(".//failure"), [])


class GateSummaryTest(unittest.TestCase):
    def table_names(self, text):
        return [line.split("|")[1].strip() for line in text.splitlines()
                if line.startswith("|") and "/" in line.split("|")[1]]

    def test_only_changed_rows_a_verdict_line_and_the_command(self):
        text = verdicts.markdown(verdict())
        self.assertEqual(sorted(self.table_names(text)),
                         ["run/naive/p/O3", "run/naive/q/O3", "run/omegajit/p/O3",
                          "run/zeta/p/O3"])
        verdict_lines = [line for line in text.splitlines() if line.startswith("**")]
        self.assertEqual(len(verdict_lines), 1)
        self.assertIn("FAILED", verdict_lines[0])
        self.assertIn("```sh\nscripts/gate --filter '^run/'\n```", text)

    def test_an_unchanged_tree_has_no_table(self):
        text = verdicts.markdown(verdict(now=BASE))
        self.assertEqual(self.table_names(text), [])
        self.assertIn("passed", text.splitlines()[0])

    def test_the_summary_is_appended(self):
        with tempfile.TemporaryDirectory() as scratch:
            summary = Path(scratch) / "summary.md"
            summary.write_text("earlier step\n")
            verdicts.write_all(verdict(), summary_path=str(summary))
            verdicts.write_all(verdict(now=BASE), summary_path=str(summary))
            text = summary.read_text()
            self.assertTrue(text.startswith("earlier step\n"))
            self.assertEqual(text.count("### bfbench gate"), 2)


if __name__ == "__main__":
    unittest.main()
