"""scripts/ablate end to end on the team's small programs: every configuration (each pass off, no
pass, passes added in turn) is run, switching a pass off really changes the program the engines
get (the ops counter), the tables and charts are written, and under callgrind the instruction
counts say that no pass costs more than every pass. Skips without bfbench ($BFBENCH_BINARY) or
valgrind, fails without them under CI=true."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

import support
from bfreport import ablate


def _need(what: str, present: bool):
    if present:
        return
    if os.environ.get("CI") == "true":
        raise AssertionError(f"{what} is missing")
    raise unittest.SkipTest(f"{what} is missing")


class ConfigurationsTest(unittest.TestCase):
    def test_each_pass_off_then_none_then_each_added_in_turn(self):
        self.assertEqual(ablate.configurations(["a", "b", "c"]), {
            "all": [], "-a": ["--disable-pass=a"], "-b": ["--disable-pass=b"],
            "-c": ["--disable-pass=c"], "none": ["--only-passes="],
            "+a": ["--only-passes=a"], "+b": ["--only-passes=a,b"]})
        self.assertEqual(ablate.cumulative_labels(["a", "b", "c"]), ["none", "+a", "+b", "all"])

    def test_slowdown_is_time_without_over_time_with_all(self):
        data = {"engines": ["e"], "programs": ["p"], "passes": ["a"],
                "configs": {"all": {"time": {"e": {"p": 2.0}}},
                            "-a": {"time": {"e": {"p": 5.0}}},
                            "none": {"time": {"e": {"p": 8.0}}}}}
        self.assertEqual(ablate.slowdowns(data, "time"), {"e": {"a": {"p": 2.5}}})
        self.assertEqual(ablate.speedups(data, "time"), {"e": {"none": {"p": 1.0},
                                                               "all": {"p": 4.0}}})


class AblateRunTest(unittest.TestCase):
    def run_ablate(self, *args):
        bfbench = support.bfbench()
        _need("bfbench ($BFBENCH_BINARY)", bfbench is not None)
        out = Path(self.scratch.name) / "out"
        done = support.run_script("ablate", "--bfbench", bfbench, "-o", out, *args)
        self.assertEqual(done.returncode, 0, done.stderr)
        return out, json.loads((out / "ablation.json").read_text())

    def setUp(self):
        self.scratch = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.scratch.cleanup()

    def test_every_configuration_runs_and_switching_a_pass_changes_the_program(self):
        out, data = self.run_ablate("--engines", "naive,threaded", "--programs", "hello,idioms",
                                    "--quick")
        passes = data["passes"]
        self.assertIn("multiply-loops", passes)
        self.assertEqual(set(data["configs"]), set(ablate.configurations(passes)))
        ops = {label: config["ops"]["naive"]["idioms"] for label, config in data["configs"].items()}
        self.assertGreater(ops["none"], ops["+fold-runs"])   # folding alone shrinks the program
        self.assertGreater(ops["none"], ops["all"])
        self.assertNotEqual(ops["-multiply-loops"], ops["all"])
        for config in data["configs"].values():
            for engine in ("naive", "threaded"):
                self.assertGreater(config["time"][engine]["hello"], 0)
        table = (out / "ablation.md").read_text()
        for name in passes:
            self.assertEqual(table.count(f"| {name} |"), 2, name)   # one row per engine
        for chart in ("ablation.png", "cumulative.png"):
            self.assertGreater((out / chart).stat().st_size, 1000, chart)

    def test_callgrind_counts_no_pass_as_dearer_than_every_pass(self):
        _need("valgrind", shutil.which("valgrind") is not None)
        _, data = self.run_ablate("--engines", "naive", "--programs", "hello", "--quick",
                                  "--callgrind")
        counts = {label: config["instructions"]["naive"]["hello"]
                  for label, config in data["configs"].items()}
        self.assertTrue(all(count > 0 for count in counts.values()), counts)
        self.assertGreater(counts["none"], counts["all"])


if __name__ == "__main__":
    unittest.main()
