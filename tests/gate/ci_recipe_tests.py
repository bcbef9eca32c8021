"""The CI recipe's steps (scripts/ci-regressions, which .github/workflows/bench.yml runs) on a
local git repository of two commits: the merge base committed a baseline a third cheaper than
this tree measures (so this tree is the slower one), the branch commit adds a change on top. One
small gate job (naive echo at O3) and a short wall-time run keep it to seconds."""
import json
import os
import re
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import support
from bfreport import store

FILTER = "^(run|compile)/naive/echo/O3$"
TIME_ARGS = "--engine=naive --program=hello --level=O0 --benchmark_repetitions=3"


def git(repo, *args):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid")
    subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True)


class CiRecipeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        binary = support.bfbench()
        if binary is None:
            if os.environ.get("CI") == "true":
                raise RuntimeError("CI=true: BFBENCH_BINARY is not set (run through ctest)")
            raise unittest.SkipTest("BFBENCH_BINARY is not set (run through ctest)")
        cls.build = binary.parents[1]
        cls.scratch = tempfile.TemporaryDirectory()
        cls.path = Path(cls.scratch.name)
        measured = cls.path / "measured.json"
        done = support.run_script("gate", "--build-dir", cls.build, "--filter", FILTER,
                                  "--update", "--baseline", measured, "--out",
                                  cls.path / "scratch.json")
        assert done.returncode == 0, done.stdout + done.stderr
        cheaper = json.loads(measured.read_text())
        for row in cheaper["benchmarks"]:
            if row["name"].startswith("run/"):
                row["instructions"] = int(row["instructions"] / 1.5)
        cls.repo = cls.path / "repo"
        (cls.repo / "reports" / "baseline").mkdir(parents=True)
        git(cls.repo, "init", "-q", "-b", "main")
        (cls.repo / "reports" / "baseline" / "instructions.json").write_text(json.dumps(cheaper))
        git(cls.repo, "add", "-A")
        git(cls.repo, "commit", "-qm", "the faster base")
        git(cls.repo, "checkout", "-q", "-b", "change")
        (cls.repo / "change.txt").write_text("slower now\n")
        git(cls.repo, "add", "-A")
        git(cls.repo, "commit", "-qm", "a slower change")
        cls.out = cls.path / "ci"
        cls.summary = cls.path / "step-summary.md"
        cls.summary.write_text("earlier step\n")
        cls.db = cls.path / "history.sqlite"
        env = dict(os.environ, BFBENCH_BUILD_DIR=str(cls.build),
                   BFBENCH_BASE_BUILD_DIR=str(cls.build), BFBENCH_CI_REPO=str(cls.repo),
                   BFBENCH_GATE_ARGS=f"--filter {FILTER}", BFBENCH_TIME_ARGS=TIME_ARGS,
                   BFBENCH_HISTORY_DB=str(cls.db), GITHUB_STEP_SUMMARY=str(cls.summary))
        cls.done = subprocess.run(["bash", str(support.SCRIPTS / "ci-regressions"), "main",
                                   str(cls.out)], capture_output=True, text=True, env=env,
                                  timeout=600)

    @classmethod
    def tearDownClass(cls):
        cls.scratch.cleanup()

    def test_the_slower_tree_fails_against_its_merge_base(self):
        self.assertEqual(self.done.returncode, 1, self.done.stdout + self.done.stderr)
        self.assertIn("baseline of merge base", self.done.stdout)
        gate = json.loads((self.out / "gate.json").read_text())
        self.assertFalse(gate["passed"])
        slower = [r["name"] for r in gate["comparison"]["rows"] if r["verdict"] == "slower"]
        self.assertEqual(slower, ["run/naive/echo/O3"])

    def test_the_junit_report_fails_the_slower_benchmark(self):
        root = ElementTree.parse(self.out / "gate.xml").getroot()
        failed = [c.get("name") for c in root.iter("testcase") if c.find("failure") is not None]
        self.assertEqual(failed, ["run/naive/echo/O3"])

    def test_the_summary_has_the_gate_and_the_wall_time_comparison(self):
        text = self.summary.read_text()
        self.assertTrue(text.startswith("earlier step\n"))
        self.assertIn("### bfbench gate (instruction counts): FAILED", text)
        self.assertIn("| run/naive/echo/O3 |", text)
        self.assertNotIn("| compile/naive/echo/O3 |", text)   # unchanged rows stay out
        self.assertIn("### bfbench wall time against the merge base", text)
        self.assertIn(TIME_ARGS, text)
        compare = json.loads((self.out / "compare.json").read_text())
        self.assertEqual({r["name"] for r in compare["rows"]},
                         {"run/naive/hello/O0", "compile/naive/hello/O0"})

    def test_the_history_holds_the_gate_counts_and_the_times(self):
        with store.open_store(str(self.db)) as db:
            sources = sorted(r[0] for r in db.query("SELECT source FROM runs"))
            self.assertEqual(sources, ["ci", "gate"])

    def test_exports_for_other_trackers(self):
        bencher = json.loads((self.out / "bencher.json").read_text())
        self.assertEqual(set(bencher["run/naive/echo/O3"]), {"instructions"})
        self.assertEqual(set(bencher["run/naive/hello/O0"]), {"latency"})
        gab = json.loads((self.out / "github-action-benchmark.json").read_text())
        self.assertIn(("run/naive/echo/O3", "instructions"), {(e["name"], e["unit"]) for e in gab})

    def test_the_workflow_runs_this_recipe_with_scripts_that_exist(self):
        import yaml
        workflow = yaml.safe_load((support.ROOT / ".github/workflows/bench.yml").read_text())
        runs = "\n".join(step.get("run", "") for step in workflow["jobs"]["regressions"]["steps"])
        self.assertIn("scripts/ci-regressions", runs)
        for script in set(re.findall(r"\bscripts/[\w-]+", runs)):
            self.assertTrue(os.access(support.ROOT / script, os.X_OK), script)
        self.assertIn("fetch-depth", json.dumps(workflow))   # the merge base is in the clone


if __name__ == "__main__":
    unittest.main()
