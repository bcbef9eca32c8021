"""`bfbench explore`'s page in a real browser: headless Chromium (Debian's `chromium`) opens the
generated index.html from disk; through the DOM and real mouse clicks (CDP) the test checks that
the panes exist, that clicking a source command highlights its IR op, its instructions in every
JIT pane and its threaded slot, and that the heat map carries the counting run's counts. A
screenshot with the selection showing is kept in $BFBENCH_ARTIFACTS_DIR (ctest:
build/tests/gate/explore-browser/). Skips without chromium or bfbench, fails without them under
CI=true."""
import base64
import os
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

import cdp
import support

CHROMIUM = shutil.which("chromium")
# At O1: add 3, loop, move 1, add 2, move -1, add -1, end, move 1, out -- the loop runs 3 times.
PROGRAM = "+++[>++<-]>."
COUNTS = [1, 1, 3, 3, 3, 3, 3, 1, 1]
JITS = {"handjit", "xbyak", "asmjit"}


def _artifacts() -> Path:
    path = Path(os.environ.get("BFBENCH_ARTIFACTS_DIR")
                or Path(tempfile.gettempdir()) / "bfbench-explore-browser")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _missing(what: str):
    if os.environ.get("CI") == "true":
        raise AssertionError(f"{what} is missing (scripts/setup installs chromium; ctest passes "
                             "BFBENCH_BINARY)")
    raise unittest.SkipTest(f"{what} is missing")


class ExploreInBrowserTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if CHROMIUM is None:
            _missing("chromium")
        bfbench = support.bfbench()
        if bfbench is None:
            _missing("bfbench ($BFBENCH_BINARY)")
        listing = subprocess.run([bfbench, "engines"], capture_output=True, text=True, check=True)
        cls.jits = {line.split()[0] for line in listing.stdout.splitlines()
                    if line.split()[0] in JITS and line.split()[1] == "available"}
        cls.scratch = tempfile.TemporaryDirectory()
        path = Path(cls.scratch.name)
        (path / "loop.b").write_text(PROGRAM)
        engines = ",".join(["naive", "threaded", *sorted(cls.jits)])
        done = subprocess.run([bfbench, "explore", path / "loop.b", "-O1", "--engines", engines,
                               "-o", path / "page"], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        cls.browser = cdp.open_page(CHROMIUM, str(path / "profile"), path / "page" / "index.html",
                                    "document.body.dataset.bfReady === '1'", 1500, 900)

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls.scratch.cleanup()

    def click(self, selector: str, element: str = ""):
        """A real click on the element `selector` finds (or the JavaScript `element` yields)."""
        element = element or f"document.querySelector({selector!r})"
        rect = self.browser.evaluate(
            f"(() => {{ const e = {element}; e.scrollIntoView({{block: 'center'}}); "
            f"const r = e.getBoundingClientRect(); "
            f"return [r.left + r.width / 2, r.top + r.height / 2, r.width * r.height]; }})()")
        self.assertGreater(rect[2], 0, f"{selector or element} has no area")
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.browser.mouse(kind, rect[0], rect[1])

    def texts(self, selector: str):
        return self.browser.evaluate(
            f"Array.from(document.querySelectorAll({selector!r})).map(e => e.textContent)")

    def test_every_pane_exists_with_rows(self):
        for pane in ("source", "ir", "loops", "threaded"):
            rows = self.browser.evaluate(
                f"document.querySelectorAll('#pane-{pane} .rows .row').length")
            self.assertGreater(rows, 0, pane)
        self.assertEqual(set(self.browser.evaluate(
            "Array.from(document.querySelectorAll('.pane.jit')).map(p => p.dataset.engine)")),
            self.jits)
        engines = self.browser.evaluate(
            "Array.from(document.querySelectorAll('#bf-engines tbody tr'))"
            ".map(r => [r.dataset.engine, Number(r.cells[1].textContent.replace(/,/g, ''))])")
        for name, code_bytes in engines:
            self.assertEqual(code_bytes > 0, name in self.jits, name)

    def test_clicking_a_command_highlights_its_op_and_instructions_everywhere(self):
        self.click('#pane-source [data-b="5"]')   # the first '+' of "++" inside the loop
        self.assertEqual(self.browser.evaluate(
            "Array.from(document.querySelectorAll('#pane-source .sel')).map(e => e.dataset.b)"),
            ["5", "6"])                            # the folded add stands for both bytes
        selected = self.browser.evaluate(
            "Array.from(document.querySelectorAll('#pane-ir .row.sel')).map(r => r.dataset.i)")
        self.assertEqual(selected, ["3"])
        self.assertIn("add p[0] += 2", self.texts("#pane-ir .row.sel")[0])
        for jit in self.jits:
            instructions = self.texts(f"#pane-{jit} .row.ins.sel")
            self.assertTrue(instructions, jit)
            self.assertTrue(any("add" in text and "2" in text for text in instructions),
                            f"{jit}: {instructions}")
            self.assertIn("add p[0] += 2", " ".join(self.texts(f"#pane-{jit} .row.head.sel")))
        self.assertRegex(" ".join(self.texts("#pane-threaded .row.sel")), r"add")
        shot = self.browser.send("Page.captureScreenshot", {"format": "png"})
        (_artifacts() / "explore-selection.png").write_bytes(base64.b64decode(shot["data"]))

    def test_clicking_an_instruction_selects_its_op(self):
        jit = sorted(self.jits)[0]
        self.click("", f"document.querySelector('#pane-{jit} [data-op=\"0\"]').nextElementSibling")
        self.assertEqual(self.texts("#pane-ir .row.sel .n"), ["0"])

    def test_the_heat_map_has_the_profile_counts(self):
        counts = self.browser.evaluate(
            "Array.from(document.querySelectorAll('#pane-ir .row[data-i]'))"
            ".map(r => Number(r.dataset.count))")
        self.assertEqual(counts, COUNTS)
        heat = self.browser.evaluate(
            "Array.from(document.querySelectorAll('#pane-source [data-b]'))"
            ".map(e => [Number(e.dataset.count), e.className.match(/h(\\d)/)[1]])")
        self.assertEqual([count for count, _ in heat], [1, 1, 1, 1, 3, 3, 3, 3, 3, 3, 1, 1])
        self.assertEqual({level for count, level in heat if count == 1}, {"1"})  # colder ...
        self.assertGreater(min(int(level) for count, level in heat if count == 3), 1)  # ... hotter
        self.assertEqual(self.browser.evaluate(
            "Array.from(document.querySelectorAll('#bf-hot li')).map(l => l.dataset.iterations)"),
            ["3"])
        self.assertEqual(self.browser.evaluate(
            "document.getElementById('bf-executed').textContent"), str(sum(COUNTS)))


if __name__ == "__main__":
    unittest.main()
