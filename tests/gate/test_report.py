"""scripts/report and scripts/history: the files they write and what a reader finds in them."""
import re
import tempfile
import unittest
from pathlib import Path

import support
import synthetic
from bfreport import analysis, results

SLOW = "run/zeta/alpha/O3"


class AnalysisTest(unittest.TestCase):
    def setUp(self):
        self.res = results.parse(synthetic.matrix(repetitions=5))

    def test_speedups_are_over_naive_O0_of_the_same_program(self):
        entries = {(e.engine, e.level): e for e in analysis.program_entries(self.res, "beta")}
        self.assertAlmostEqual(entries[("naive", "O0")].speedup, 1.0, delta=0.02)
        # zeta at O3: 0.2 * 0.3 of naive O0's time
        self.assertAlmostEqual(entries[("zeta", "O3")].speedup, 1 / 0.06, delta=0.5)
        self.assertGreater(entries[("zeta", "O3")].speedup_sd, 0)

    def test_ranking_puts_the_fastest_engine_and_level_first(self):
        ranked = analysis.ranking(self.res)
        self.assertEqual((ranked[0].engine, ranked[0].level), ("omegajit", "O3"))
        self.assertEqual((ranked[-1].engine, ranked[-1].level), ("naive", "O0"))
        self.assertEqual(ranked[0].programs, 2)

    def test_heatmap_matrix_follows_the_files_engines_and_levels(self):
        engines, levels, matrix = analysis.speedup_matrix(self.res)
        self.assertEqual(engines, list(synthetic.ENGINES))
        self.assertEqual(levels, ["O0", "O1", "O3"])
        self.assertAlmostEqual(matrix[1][0], 5.0, delta=0.1)  # zeta O0

    def test_jit_engines_are_those_with_generated_code(self):
        self.assertEqual(analysis.jit_engines(self.res), ["omegajit"])

    def test_warnings_name_failures_and_noise(self):
        noisy = synthetic.matrix(errors={"run/naive/alpha/O1"})
        noisy["benchmarks"] += synthetic.repeated_rows("run/zeta/gamma/O0", 1.0, spread=0.4)
        text = " ".join(analysis.warnings(results.parse(noisy)))
        self.assertIn("run/naive/alpha/O1 failed: wrong output", text)
        self.assertIn("vary by more than 5%", text)
        self.assertIn("debug build", text)
        self.assertIn("no naive O0 run for gamma", text)


class ReportScriptTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.path = Path(self.dir.name)
        self.base = synthetic.write(self.path / "base.json", synthetic.matrix(seed=1))
        self.new = synthetic.write(self.path / "new.json",
                                   synthetic.matrix(slowdown={SLOW: 1.3}, seed=2))

    def tearDown(self):
        self.dir.cleanup()

    def test_writes_a_self_contained_page_markdown_and_every_chart_twice(self):
        out = self.path / "report"
        done = support.run_script("report", self.new, self.base, "-o", out)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout.strip(), str(out / "index.html"))
        page = (out / "index.html").read_text()
        markdown = (out / "report.md").read_text()
        charts = ["speedup_heatmap", "program_alpha", "program_beta", "compile",
                  "baseline_changes"]
        for chart in charts:
            self.assertGreater((out / f"{chart}.png").stat().st_size, 1000, chart)
            self.assertTrue((out / f"{chart}.svg").read_text().lstrip().startswith("<?xml"))
            self.assertIn(f'id="chart-{chart}"><svg', page)
            self.assertIn(f"({chart}.png)", markdown)
        # Opens from disk with no network: nothing is fetched (the SVG namespace is not a fetch).
        self.assertIsNone(re.search(r'(src|href)="(https?:)?//', page))
        self.assertNotIn("<script", page)
        self.assertNotIn("<link", page)

    def test_the_reader_finds_rankings_speedups_context_and_the_regression(self):
        out = self.path / "report"
        support.run_script("report", self.new, self.base, "-o", out)
        markdown = (out / "report.md").read_text()
        ranking = markdown[markdown.index("Ranking over all programs"):]
        first_row = [l for l in ranking.splitlines() if l.startswith("| 1 |")][0]
        self.assertIn("| omegajit | O3 |", first_row)
        self.assertRegex(first_row, r"\d+(\.\d+)?× ± ")
        self.assertIn("## Program alpha", markdown)
        self.assertIn("## Compile time and code size", markdown)
        baseline = markdown[markdown.index("## Change against the baseline"):]
        self.assertIn("Benchmarks: 1 slower, ", baseline)
        slow_row = [l for l in baseline.splitlines() if l.startswith(f"| {SLOW} |")][0]
        self.assertIn("slower", slow_row)
        self.assertIn("| git_commit | 0123456789ab |", markdown)
        self.assertIn("| num_cpus | 2 |", markdown)

    def test_without_a_baseline_there_is_no_change_section(self):
        out = self.path / "plain"
        self.assertEqual(support.run_script("report", self.base, "-o", out).returncode, 0)
        self.assertNotIn("Change against the baseline", (out / "report.md").read_text())
        self.assertFalse((out / "baseline_changes.png").exists())

    def test_bad_input_is_one_line_and_nonzero(self):
        bad = self.path / "bad.json"
        bad.write_text("[]")
        done = support.run_script("report", bad, "-o", self.path / "x")
        self.assertEqual(done.returncode, 65)
        self.assertEqual(done.stderr.count("\n"), 1, done.stderr)
        done = support.run_script("report", self.base)
        self.assertEqual(done.returncode, 64)


class HistoryScriptTest(unittest.TestCase):
    def test_charts_a_series_of_time_and_instruction_files(self):
        with tempfile.TemporaryDirectory() as scratch:
            path = Path(scratch)
            files = []
            for index in range(3):
                data = synthetic.matrix(seed=index)
                data["context"]["git_commit"] = f"c{index}aaaaaaaaa"
                files.append(synthetic.write(path / f"r{index}.json", data))
            done = support.run_script("history", *files, "-o", path / "h", "--level", "all")
            self.assertEqual(done.returncode, 0, done.stderr)
            for name in ("history.png", "history.svg", "index.html"):
                self.assertTrue((path / "h" / name).is_file(), name)
            svg = (path / "h" / "history.svg").read_text()
            for commit in ("c0aaaaaa", "c1aaaaaa", "c2aaaaaa"):
                self.assertIn(commit, svg)  # x labels are the commits (text kept in the SVG)
            counts = [synthetic.write(path / f"i{i}.json", {
                "format": "bfbench-instructions/1", "context": {"git_commit": f"g{i}"},
                "benchmarks": [{"name": "run/naive/p/O3", "instructions": 1000 + i}]})
                for i in range(2)]
            done = support.run_script("history", *counts, "-o", path / "i")
            self.assertEqual(done.returncode, 0, done.stderr)
            done = support.run_script("history", counts[0], "-o", path / "j", "--level", "O9")
            self.assertEqual(done.returncode, 65)


if __name__ == "__main__":
    unittest.main()
