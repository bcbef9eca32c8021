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


def recipe(path: Path, build: Path, base_counts: dict, branch_counts=None):
    """A repository whose main commit holds `base_counts` as its baseline and whose branch
    commit changes a file (and commits `branch_counts` as the new baseline, when given); the
    recipe run on it. Returns (CompletedProcess, out dir, summary file, history db)."""
    repo = path / "repo"
    baseline = repo / "reports" / "baseline" / "instructions.json"
    baseline.parent.mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    baseline.write_text(json.dumps(base_counts))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "the faster base")
    git(repo, "checkout", "-q", "-b", "change")
    (repo / "change.txt").write_text("slower now\n")
    if branch_counts is not None:
        baseline.write_text(json.dumps(branch_counts))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "a slower change")
    out, summary, db = path / "ci", path / "step-summary.md", path / "history.sqlite"
    summary.write_text("earlier step\n")
    env = dict(os.environ, BFBENCH_BUILD_DIR=str(build), BFBENCH_BASE_BUILD_DIR=str(build),
               BFBENCH_CI_REPO=str(repo), BFBENCH_GATE_ARGS=f"--filter {FILTER}",
               BFBENCH_TIME_ARGS=TIME_ARGS, BFBENCH_HISTORY_DB=str(db),
               GITHUB_STEP_SUMMARY=str(summary))
    done = subprocess.run(["bash", str(support.SCRIPTS / "ci-regressions"), "main", str(out)],
                          capture_output=True, text=True, env=env, timeout=600)
    return done, out, summary, db


def measured_and_cheaper(path: Path, build: Path):
    """This build's counts of FILTER, and the same with the run a third cheaper."""
    measured = path / "measured.json"
    done = support.run_script("gate", "--build-dir", build, "--filter", FILTER, "--update",
                              "--baseline", measured, "--out", path / "scratch.json")
    assert done.returncode == 0, done.stdout + done.stderr
    counts = json.loads(measured.read_text())
    cheaper = json.loads(measured.read_text())
    for row in cheaper["benchmarks"]:
        if row["name"].startswith("run/"):
            row["instructions"] = int(row["instructions"] / 1.5)
    return counts, cheaper


def build_under_test() -> Path:
    binary = support.bfbench()
    if binary is None:
        if os.environ.get("CI") == "true":
            raise RuntimeError("CI=true: BFBENCH_BINARY is not set (run through ctest)")
        raise unittest.SkipTest("BFBENCH_BINARY is not set (run through ctest)")
    return binary.parents[1]


class CiRecipeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.build = build_under_test()
        cls.scratch = tempfile.TemporaryDirectory()
        cls.path = Path(cls.scratch.name)
        _, cheaper = measured_and_cheaper(cls.path, cls.build)
        cls.done, cls.out, cls.summary, cls.db = recipe(cls.path, cls.build, cheaper)

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


class CiRecipeWithANewBaselineTest(unittest.TestCase):
    """The same slower change, committing the baseline it measures: the merge base's verdict is
    shown, the new baseline decides."""

    def test_the_merge_base_verdict_is_shown_and_the_new_baseline_decides(self):
        build = build_under_test()
        with tempfile.TemporaryDirectory() as scratch:
            path = Path(scratch)
            counts, cheaper = measured_and_cheaper(path, build)
            done, out, summary, _ = recipe(path, build, cheaper, branch_counts=counts)
            self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
            self.assertIn("commits a new baseline", done.stdout)
            text = summary.read_text()
            self.assertIn("### bfbench gate (instruction counts): FAILED", text)
            self.assertIn("### bfbench gate (instruction counts): passed", text)
            own = json.loads((out / "gate-own-baseline.json").read_text())
            self.assertTrue(own["passed"])
            self.assertIn("--counts", own["command"])


if __name__ == "__main__":
    unittest.main()
