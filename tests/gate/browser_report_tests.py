"""The report in a real browser: headless Chromium (Debian's `chromium`) loads index.html from
disk and, through the DOM and real mouse events (CDP), the test checks that every chart renders,
that hovering a point shows its tooltip (value, interval, n), that a table sorts on a header click
and that per-repetition samples open on demand. A screenshot with the tooltip showing is kept in
$BFBENCH_ARTIFACTS_DIR (ctest: build/tests/gate/report-browser/). Skips without chromium, fails
without it under CI=true."""
import base64
import os
import shutil
import tempfile
import unittest
from pathlib import Path

import cdp
import support
import synthetic

CHROMIUM = shutil.which("chromium")


def _artifacts() -> Path:
    path = Path(os.environ.get("BFBENCH_ARTIFACTS_DIR")
                or Path(tempfile.gettempdir()) / "bfbench-report-browser")
    path.mkdir(parents=True, exist_ok=True)
    return path


class ReportInBrowserTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if CHROMIUM is None:
            if os.environ.get("CI") == "true":
                raise AssertionError("chromium is missing (scripts/setup installs it)")
            raise unittest.SkipTest("chromium is not installed (scripts/setup installs it)")
        cls.scratch = tempfile.TemporaryDirectory()
        path = Path(cls.scratch.name)
        new = synthetic.write(path / "new.json", synthetic.matrix(seed=2))
        base = synthetic.write(path / "base.json", synthetic.matrix(seed=1))
        done = support.run_script("report", new, base, "-o", path / "report")
        assert done.returncode == 0, done.stderr
        cls.browser = cdp.open_page(CHROMIUM, str(path / "profile"),
                                    path / "report" / "index.html",
                                    "document.body.getAttribute('data-bf-ready') === '1'")

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls.scratch.cleanup()

    def center_of(self, selector: str):
        """Scrolls the element into view; returns its centre in viewport coordinates."""
        rect = self.browser.evaluate(
            f"(() => {{ const e = document.querySelector({selector!r}); "
            f"e.scrollIntoView({{block: 'center'}}); const r = e.getBoundingClientRect(); "
            f"return [r.left + r.width / 2, r.top + r.height / 2, r.width, r.height]; }})()")
        self.assertGreater(rect[2] * rect[3], 0, f"{selector} has no area")
        return rect[0], rect[1]

    def click(self, selector: str):
        x, y = self.center_of(selector)
        self.browser.mouse("mouseMoved", x, y)
        self.browser.mouse("mousePressed", x, y)
        self.browser.mouse("mouseReleased", x, y)

    def test_every_chart_renders_with_a_size_and_drawn_marks(self):
        charts = self.browser.evaluate(
            "Array.from(document.querySelectorAll('.chart')).map(c => { "
            "const s = c.querySelector('svg'); const r = s.getBoundingClientRect(); "
            "return [c.id, r.width, r.height, s.querySelectorAll('path, use').length]; })")
        self.assertGreaterEqual(len(charts), 10)
        for name, width, height, marks in charts:
            self.assertGreater(width, 300, name)
            self.assertGreater(height, 100, name)
            self.assertGreater(marks, 10, name)

    def test_hovering_a_point_shows_its_value_interval_and_n(self):
        self.assertTrue(self.browser.evaluate("document.getElementById('bf-tooltip').hidden"))
        x, y = self.center_of("#run_alpha-p0 use")  # the drawn dot
        self.browser.mouse("mouseMoved", x - 30, y - 30)
        self.browser.mouse("mouseMoved", x, y)
        tooltip = self.browser.evaluate(
            "(() => { const t = document.getElementById('bf-tooltip'); "
            "const r = t.getBoundingClientRect(); return [t.hidden, t.textContent, r.width]; })()")
        hidden, text, width = tooltip
        self.assertFalse(hidden)
        self.assertGreater(width, 50)
        self.assertRegex(text, r"^omegajit O3 \(rank 1\): [\d.]+ ms, 95% CI .* n = 5$")
        shot = self.browser.send("Page.captureScreenshot", {"format": "png"})
        (_artifacts() / "report-tooltip.png").write_bytes(base64.b64decode(shot["data"]))
        self.browser.mouse("mouseMoved", 2, 2)
        self.assertTrue(self.browser.evaluate("document.getElementById('bf-tooltip').hidden"))

    def column(self, table: str, index: int):
        return self.browser.evaluate(
            f"Array.from(document.querySelector({table!r}).tBodies[0].rows)"
            f".map(r => r.cells[{index}].textContent)")

    def test_a_table_sorts_by_the_clicked_column_numerically_both_ways(self):
        table = "#run-time ~ div.scroll table"
        self.assertEqual(self.column(table, 1)[0], "omegajit")   # rank order: fastest first
        self.click(f"{table} th:nth-child(2)")                  # engine
        self.assertEqual(self.column(table, 1), sorted(self.column(table, 1)))
        self.assertEqual(self.column(table, 1)[0], "naive")
        self.click(f"{table} th:nth-child(4)")                  # run time, ascending
        times = self.column(table, 3)
        self.assertTrue(times[0].startswith("2.9") or times[0].startswith("3"), times[0])
        self.assertEqual(self.column(table, 1)[0] + self.column(table, 2)[0], "omegajitO3")
        self.click(f"{table} th:nth-child(4)")                  # descending: 501 ms before 150 ms
        self.assertEqual(self.column(table, 1)[0] + self.column(table, 2)[0], "naiveO0")
        self.assertEqual(self.browser.evaluate(
            f"document.querySelector({table + ' th:nth-child(4)'!r}).getAttribute('aria-sort')"),
            "descending")

    def test_samples_open_on_demand(self):
        visible = "document.querySelector('#run-time ~ details table').checkVisibility()"
        self.assertFalse(self.browser.evaluate(visible))
        self.click("#run-time ~ details summary")
        self.assertTrue(self.browser.evaluate(visible))
        rows = self.browser.evaluate(
            "document.querySelector('#run-time ~ details table').tBodies[0].rows.length")
        self.assertEqual(rows, 18)   # alpha: 9 run and 9 compile benchmarks

if __name__ == "__main__":
    unittest.main()
