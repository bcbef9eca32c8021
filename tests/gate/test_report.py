"""scripts/report and scripts/history: the files they write and what a reader finds in them."""
import json
import os
import re
import tempfile
import unittest
from pathlib import Path

import support
import synthetic
from bfreport import analysis, intervals, provenance, ranks, results

SLOW = "run/zeta/alpha/O3"


def _rows(name, samples, counters=None):
    """Per-repetition rows of one benchmark with exactly these times (seconds)."""
    return [{"name": name, "run_name": name, "run_type": "iteration", "repetitions": len(samples),
             "repetition_index": i, "iterations": 1, "real_time": s * 1e9, "cpu_time": s * 1e9,
             "time_unit": "ns", **(counters or {})} for i, s in enumerate(samples)]


def _results(*rows_lists, context=None):
    return results.parse({"context": context or synthetic.context(),
                          "benchmarks": [row for rows in rows_lists for row in rows]})


class IntervalsTest(unittest.TestCase):
    def test_a_mean_interval_holds_the_mean_and_is_the_same_every_time(self):
        samples = [1.0, 1.1, 0.9, 1.05, 0.95]
        estimate = intervals.mean(samples)
        self.assertAlmostEqual(estimate.value, 1.0)
        self.assertLess(estimate.low, 1.0)
        self.assertGreater(estimate.high, 1.0)
        self.assertGreaterEqual(estimate.low, 0.9)   # a mean cannot leave the samples' range
        self.assertEqual(estimate, intervals.mean(samples))  # fixed seed
        self.assertEqual(estimate.n, 5)

    def test_fewer_than_three_samples_give_no_interval_and_say_why(self):
        estimate = intervals.mean([1.0, 2.0])
        self.assertFalse(estimate.has_interval)
        self.assertEqual(estimate.missing, "no interval: n < 3")
        ratio = intervals.ratio_of_means([2.0, 2.1, 1.9], [1.0])
        self.assertEqual((ratio.n, ratio.has_interval), (1, False))

    def test_a_speed_up_interval_surrounds_the_ratio_of_means(self):
        estimate = intervals.ratio_of_means([10.0, 10.5, 9.5, 10.2], [1.0, 1.05, 0.95, 1.0])
        self.assertAlmostEqual(estimate.value, 10.05 / 1.0, places=6)
        self.assertLess(estimate.low, estimate.value)
        self.assertGreater(estimate.high, estimate.value)

    def test_constant_samples_give_a_zero_width_interval(self):
        estimate = intervals.sum_of_means([2.0, 2.0, 2.0], [1.0, 1.0, 1.0])
        self.assertEqual((estimate.value, estimate.low, estimate.high), (3.0, 3.0, 3.0))


class RanksTest(unittest.TestCase):
    def test_overlapping_intervals_share_a_rank_and_a_clear_winner_stands_alone(self):
        fast = intervals.Estimate(1.0, 0.9, 1.1, 5)
        close = intervals.Estimate(1.05, 1.0, 1.2, 5)     # overlaps fast
        slow = intervals.Estimate(2.0, 1.9, 2.1, 5)
        self.assertEqual(ranks.tied_ranks([fast, close, slow], lower_is_better=True),
                         [(1, True), (1, True), (3, False)])
        self.assertEqual(ranks.tied_ranks([fast, close, slow], lower_is_better=False),
                         [(2, True), (2, True), (1, False)])
        self.assertEqual(ranks.label(1, True), "=1")
        self.assertEqual(ranks.label(3, False), "3")

    def test_a_row_without_an_interval_ranks_by_its_point(self):
        point = intervals.Estimate(1.5, n=1, missing="no interval: n < 3")
        wide = intervals.Estimate(1.4, 1.0, 1.6, 5)
        narrow = intervals.Estimate(3.0, 2.9, 3.1, 5)
        self.assertEqual(ranks.tied_ranks([point, wide, narrow], True),
                         [(1, True), (1, True), (3, False)])


class AnalysisTest(unittest.TestCase):
    def setUp(self):
        self.res = results.parse(synthetic.matrix(repetitions=5))

    def test_speedups_are_over_naive_O0_of_the_same_program(self):
        entries = {(e.engine, e.level): e for e in analysis.program_entries(self.res, "beta")}
        self.assertAlmostEqual(entries[("naive", "O0")].speedup.value, 1.0, delta=0.02)
        # zeta at O3: 0.2 * 0.3 of naive O0's time
        speedup = entries[("zeta", "O3")].speedup
        self.assertAlmostEqual(speedup.value, 1 / 0.06, delta=0.5)
        self.assertLess(speedup.low, speedup.value)
        self.assertGreater(speedup.high, speedup.value)

    def test_ranking_puts_the_fastest_engine_and_level_first(self):
        ranked = analysis.ranking(self.res)
        self.assertEqual((ranked[0].engine, ranked[0].level), ("omegajit", "O3"))
        self.assertEqual((ranked[-1].engine, ranked[-1].level), ("naive", "O0"))
        self.assertEqual((ranked[0].programs, ranked[0].rank, ranked[0].tied), (2, 1, False))
        self.assertLess(ranked[0].estimate.low, ranked[0].estimate.value)

    def test_run_times_whose_intervals_overlap_are_ties(self):
        res = _results(_rows("run/a/p/O3", [1.00, 1.02, 0.98, 1.01]),
                       _rows("run/b/p/O3", [1.01, 1.03, 0.99, 1.00]),
                       _rows("run/c/p/O3", [2.0, 2.02, 1.98, 2.01]),
                       _rows("run/d/p/O3", [3.0, 3.1]))
        entries = analysis.program_entries(res, "p")
        self.assertEqual([(e.engine, e.rank_label) for e in entries],
                         [("a", "=1"), ("b", "=1"), ("c", "3"), ("d", "4")])
        self.assertEqual(entries[-1].estimate.missing, "no interval: n < 3")

    def test_compile_times_are_ranked_at_every_level(self):
        entries = analysis.compile_entries(self.res, "alpha")
        self.assertEqual({e.level for e in entries}, {"O0", "O1", "O3"})
        self.assertEqual(len(entries), 9)
        # the code generator compiles 5x slower than the interpreters in the synthetic matrix
        self.assertTrue(all(e.engine == "omegajit" for e in entries[-3:]))

    def test_one_execution_adds_compile_and_run_and_says_when_a_compile_pays_off(self):
        res = _results(
            _rows("compile/interp/p/O3", [1e-6] * 3), _rows("run/interp/p/O3", [10e-3] * 3),
            # 50 ms compile, 1 ms run: pays off once 50 ms < n * 9 ms, at n = 6
            _rows("compile/jit/p/O3", [50e-3] * 3, {"code_bytes": 100.0}),
            _rows("run/jit/p/O3", [1e-3] * 3, {"code_bytes": 100.0}),
            _rows("compile/quick/p/O3", [1e-3] * 3, {"code_bytes": 10.0}),
            _rows("run/quick/p/O3", [2e-3] * 3, {"code_bytes": 10.0}),
            _rows("compile/slow/p/O3", [1e-3] * 3, {"code_bytes": 10.0}),
            _rows("run/slow/p/O3", [20e-3] * 3, {"code_bytes": 10.0}))
        entries = {e.engine: e for e in analysis.one_execution_entries(res, "p")}
        self.assertAlmostEqual(entries["jit"].estimate.value, 51e-3)
        self.assertEqual(entries["jit"].break_even, "after 6 runs")
        self.assertEqual(entries["quick"].break_even, "from the 1st run")
        self.assertEqual(entries["slow"].break_even, "never (runs no faster than the baseline)")
        self.assertEqual(entries["interp"].break_even, "the baseline (interp O3)")

    def test_heatmap_matrix_follows_the_files_engines_and_levels(self):
        engines, levels, matrix = analysis.speedup_matrix(self.res)
        self.assertEqual(engines, list(synthetic.ENGINES))
        self.assertEqual(levels, ["O0", "O1", "O3"])
        self.assertAlmostEqual(matrix[1][0], 5.0, delta=0.1)  # zeta O0

    def test_jit_engines_are_those_with_generated_code(self):
        self.assertEqual(analysis.jit_engines(self.res), ["omegajit"])

    def test_warnings_are_the_ones_bfbench_wrote_in_its_order(self):
        data = synthetic.matrix(errors={"run/naive/alpha/O1"})
        data["warnings"] = ["1 benchmark failed (an error, never a time; each says why): "
                            "run/naive/alpha/O1", "skipped engine cc: no C compiler"]
        self.assertEqual(analysis.warnings(results.parse(data)), data["warnings"])
        data["warnings"] = []
        self.assertEqual(analysis.warnings(results.parse(data)), [])

    def test_a_file_without_warnings_says_so_and_still_names_its_failures(self):
        text = " ".join(analysis.warnings(results.parse(
            synthetic.matrix(errors={"run/naive/alpha/O1"}))))
        self.assertIn("carries no warnings from bfbench", text)
        self.assertIn("run/naive/alpha/O1 failed: wrong output", text)

    def test_warnings_that_are_not_a_list_of_strings_are_a_data_error(self):
        data = synthetic.matrix()
        data["warnings"] = "noisy"
        with self.assertRaises(ValueError):
            results.parse(data)


class ProvenanceTest(unittest.TestCase):
    def test_the_reproducing_command_uses_the_recorded_executable_and_names_one_benchmark(self):
        res = _results(_rows("run/asmjit/mandelbrot/O3", [1.0, 1.1, 0.9]), context=synthetic.context(
            command_line="/opt/bf/bfbench --engine=all --out 'my results.json'"))
        command = provenance.reproduce_command(res, res.benchmarks["run/asmjit/mandelbrot/O3"])
        self.assertEqual(command, "/opt/bf/bfbench --program=mandelbrot "
                                  "--benchmark_filter='^run/asmjit/mandelbrot/O3$' "
                                  "--benchmark_repetitions=10")
        older = _results(_rows("run/naive/hello/O0", [1.0]))
        self.assertTrue(provenance.reproduce_command(
            older, older.benchmarks["run/naive/hello/O0"]).startswith("build/cli/bfbench "))

    def test_machine_facts_come_first_and_absent_ones_say_so(self):
        rows = dict(provenance.machine_rows(synthetic.context(os="Debian 12", **{
            "program:hello": "category: conformance; provenance: written for bfbench"})))
        self.assertEqual(rows["os"], "Debian 12")
        self.assertTrue(rows["cpu_governor"].startswith("unknown"))
        self.assertNotIn("program:hello", rows)
        self.assertEqual(list(rows)[0], "command_line")

    def test_programs_are_described_with_their_recorded_category_and_provenance(self):
        res = _results(_rows("run/naive/hello/O0", [1.0]), _rows("run/naive/zzz/O0", [1.0]),
                       context=synthetic.context(**{
                           "program:hello": "category: conformance; provenance: written for bfbench"}))
        notes = {n.name: n for n in provenance.program_notes(res)}
        self.assertEqual((notes["hello"].category, notes["hello"].provenance),
                         ("conformance", "written for bfbench"))
        self.assertIn("hello world", notes["hello"].what)
        self.assertEqual(notes["zzz"].category, "unknown")
        self.assertIn("not described", notes["zzz"].what)


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
        charts = ["ranking_speedup", "speedup_heatmap", "run_alpha", "run_beta", "compile_alpha",
                  "compile_beta", "code_size_alpha", "once_alpha", "once_beta",
                  "baseline_changes"]
        for chart in charts:
            self.assertGreater((out / f"{chart}.png").stat().st_size, 1000, chart)
            self.assertTrue((out / f"{chart}.svg").read_text().lstrip().startswith("<?xml"))
            self.assertIn(f'id="chart-{chart}"><svg', page)
            self.assertIn(f"({chart}.png)", markdown)
        # Opens from disk with no network: nothing is fetched (the SVG namespace is not a fetch),
        # and the only scripts are inline (our report.js and the tooltip data).
        self.assertIsNone(re.search(r'(src|href)="(https?:)?//', page))
        self.assertNotIn("<link", page)
        self.assertEqual(re.findall(r"<script[^>]*>", page),
                         ['<script type="application/json" id="bf-tips">', "<script>"])

    def test_every_chart_point_has_its_tooltip_with_value_interval_and_n(self):
        out = self.path / "report"
        support.run_script("report", self.new, "-o", out)
        page = (out / "index.html").read_text()
        tips = json.loads(re.search(r'id="bf-tips">(.*?)</script>', page, re.S).group(1))
        for point in ("run_alpha-p0", "compile_beta-p8", "once_alpha-p0", "ranking_speedup-p0"):
            self.assertIn(f'id="{point}"', page, point)   # the SVG element the tip belongs to
        self.assertRegex(tips["run_alpha-p0"],
                         r"^omegajit O3 \(rank 1\): [\d.]+ ms, 95% CI [\d.]+ ms – [\d.]+ ms, n = 5$")
        self.assertIn("of generated code", tips["code_size_alpha-b0"])

    def test_the_reader_finds_the_three_questions_rankings_intervals_and_provenance(self):
        out = self.path / "report"
        support.run_script("report", self.new, self.base, "-o", out)
        markdown = (out / "report.md").read_text()
        ranking = markdown[markdown.index("### run time: all programs"):]
        first_row = [l for l in ranking.splitlines() if l.startswith("| 1 |")][0]
        self.assertIn("| omegajit | O3 |", first_row)
        self.assertRegex(first_row, r"\d+(\.\d+)?× \[\d+(\.\d+)?×, \d+(\.\d+)?×\] \| 5 \| 2 \|")
        for heading in ("## Question 1 — run time", "## Question 2 — compile time",
                        "## Question 3 — compile + run, one execution", "### run time: alpha",
                        "### compile time: beta", "## Programs", "## Machine and build"):
            self.assertIn(heading, markdown)
        self.assertIn("n = ⌈(c − c_b) / (r_b − r)⌉", markdown)
        self.assertIn("--benchmark_filter='^run/zeta/alpha/O3$' --benchmark_repetitions=10",
                      markdown)
        self.assertIn("[Results file (Google Benchmark JSON)](../new.json)", markdown)
        baseline = markdown[markdown.index("## Change against the baseline"):]
        self.assertIn("Benchmarks: 1 slower, ", baseline)
        slow_row = [l for l in baseline.splitlines() if l.startswith(f"| {SLOW} |")][0]
        self.assertIn("slower", slow_row)
        self.assertIn("| git_commit | 0123456789ab |", markdown)
        self.assertIn("| num_cpus | 2 |", markdown)
        self.assertIn("| cpu_governor | unknown (not in the results file", markdown)

    def test_the_link_to_the_results_file_resolves_from_the_report_folder(self):
        out = self.path / "deep" / "report"
        support.run_script("report", self.new, "-o", out)
        page = (out / "index.html").read_text()
        target = re.search(r'<a href="([^"]+)">Results file', page).group(1)
        self.assertEqual((out / target).resolve(), Path(self.new).resolve())

    def test_rows_without_enough_repetitions_say_why_they_have_no_interval(self):
        data = synthetic.matrix(repetitions=2)
        data["warnings"] = ["36 benchmarks ran fewer than 3 repetitions, so they have no interval"]
        two = synthetic.write(self.path / "two.json", data)
        out = self.path / "two"
        self.assertEqual(support.run_script("report", two, "-o", out).returncode, 0)
        markdown = (out / "report.md").read_text()
        self.assertRegex(markdown, r"\| [\d.]+ ms \| 2 \(no interval: n < 3\) \|")
        self.assertIn("- 36 benchmarks ran fewer than 3 repetitions, so they have no interval",
                      markdown)

    def test_a_real_bfbench_file_gives_a_report(self):
        out = self.path / "real"
        done = support.run_script("report", support.DATA / "hello-5-repetitions.json", "-o", out)
        self.assertEqual(done.returncode, 0, done.stderr)
        markdown = (out / "report.md").read_text()
        self.assertIn("### compile + run, one execution: hello", markdown)
        self.assertIn("| hello | hello world |", markdown)

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


class ProcessTimeTest(unittest.TestCase):
    """process/: external engines beside `bfbench run` children, with their verdicts."""

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.path = Path(self.dir.name)
        data = synthetic.matrix(repetitions=3)
        data["benchmarks"] += synthetic.repeated_rows("process/tritium/alpha", 0.002, repetitions=3,
                                                      counters={"peak_rss_kib": 4096})
        data["benchmarks"] += synthetic.repeated_rows("process/asmjit/alpha/O3", 0.004,
                                                      repetitions=3)
        data["benchmarks"] += synthetic.repeated_rows(
            "process/broken/alpha", 0.001, repetitions=1,
            error="wrong from broken on alpha: output is 3 bytes with SHA-256 ...")
        data["context"]["external:tritium"] = "tritium -b8 {prog} (8-bit cells, EOF keep)"
        data["context"]["skipped:process/tritium/beta"] = "the expected output assumes EOF 0"
        self.json = synthetic.write(self.path / "process.json", data)

    def tearDown(self):
        self.dir.cleanup()

    def test_an_external_engine_name_has_no_level(self):
        res = results.load(self.json)
        bench = res.benchmarks["process/tritium/alpha"]
        self.assertEqual((bench.name.phase, bench.name.engine, bench.name.level),
                         ("process", "tritium", ""))
        entries = analysis.process_entries(res, "alpha")
        self.assertEqual([(e.engine, e.level) for e in entries],
                         [("tritium", "(external)"), ("asmjit", "O3")])
        self.assertEqual(analysis.verdict(res.benchmarks["process/broken/alpha"]), "wrong")

    def test_the_report_ranks_them_together_with_verdicts_and_skips(self):
        out = self.path / "report"
        done = support.run_script("report", self.json, "-o", out)
        self.assertEqual(done.returncode, 0, done.stderr)
        page = (out / "index.html").read_text()
        self.assertGreater((out / "process_alpha.png").stat().st_size, 1000)
        self.assertIn("Question 4 — process time", page)
        self.assertIn("(external)", page)
        self.assertIn("4.0 MiB", page)
        self.assertIn("wrong: wrong from broken on alpha", page)
        self.assertIn("process/tritium/beta: the expected output assumes EOF 0", page)
        self.assertIn("--engine=ext:tritium", page)
