"""The gate's verdict for machines: JSON (reports/gate-json.md, gate.schema.json), JUnit XML for CI
test tabs (one testcase per benchmark, a failure per regression) and a Markdown summary for a
pull request or $GITHUB_STEP_SUMMARY (only the rows that changed, the verdict, the command that
reproduces it)."""
import json
import shlex
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path
from typing import List

from . import cli, compare, compare_json, results, units
from .tables import Table

FORMAT = "bfbench-gate/1"
SCHEMA = Path(__file__).resolve().parent / "gate.schema.json"
FAILING = (compare.SLOWER, compare.MISSING, compare.FAILED)


@dataclass
class Verdict:
    comparison: compare.Comparison
    base: results.Results
    now: results.Results
    baseline: str                      # the baseline's path as a person types it
    command: List[str]                 # reproduces the measurement and the verdict
    min_delta: float
    measurement_failures: List[str] = field(default_factory=list)
    warnings: List[str] = field(default_factory=list)   # besides the comparison's

    @property
    def passed(self) -> bool:
        return not self.measurement_failures and not any(
            r.verdict in FAILING for r in self.comparison.rows)

    @property
    def exit_status(self) -> int:
        return cli.EXIT_OK if self.passed else cli.EXIT_FAILED

    @property
    def reproduce(self) -> str:
        return shlex.join(self.command)

    def problems(self) -> List[str]:
        threshold = self.comparison.threshold
        out = ([f"{len(self.measurement_failures)} measurement(s) failed"]
               if self.measurement_failures else [])
        worse = self.comparison.regressions()
        if worse:
            worst = max(worse, key=lambda r: r.ratio)
            out.append(f"{len(worse)} benchmark(s) more than {threshold:.0%} worse "
                       f"(worst: {worst.name} {units.percent_change(worst.ratio)})")
        missing = [r for r in self.comparison.rows if r.verdict in (compare.MISSING,
                                                                     compare.FAILED)]
        if missing:
            out.append(f"{len(missing)} benchmark(s) of the baseline missing: "
                       + ", ".join(r.name for r in missing[:5])
                       + (" ..." if len(missing) > 5 else ""))
        return out

    def line(self) -> str:
        """The one-line verdict."""
        if not self.passed:
            return f"FAILED: {'; '.join(self.problems())}"
        better = len(self.comparison.improvements())
        return (f"ok: no benchmark more than {self.comparison.threshold:.0%} worse than "
                f"{self.baseline} ({len(self.comparison.rows)} compared"
                + (f", {better} better" if better else "") + ")")

    def changed(self) -> List[compare.Row]:
        return [r for r in self.comparison.rows if r.verdict != compare.SAME]


def document(verdict: Verdict) -> dict:
    return {
        "format": FORMAT,
        "passed": verdict.passed,
        "verdict": verdict.line(),
        "command": verdict.reproduce,
        "baseline": verdict.baseline,
        "min_delta": verdict.min_delta,
        "measurement_failures": list(verdict.measurement_failures),
        "warnings": list(verdict.warnings) + list(verdict.comparison.warnings),
        "exit_status": verdict.exit_status,
        "comparison": compare_json.document(verdict.comparison, verdict.base, verdict.now,
                                            "instructions", verdict.exit_status,
                                            compare.CONFIDENCE),
    }


def _change(row: compare.Row) -> str:
    if row.verdict in (compare.MISSING, compare.FAILED):
        return row.verdict + (f": {row.note}" if row.note else "")
    if row.verdict == compare.NEW:
        return "new: not in the baseline"
    return (f"{units.percent_change(row.ratio)} instructions ({units.count(row.base)} -> "
            f"{units.count(row.new)}): {row.verdict}")


def junit(verdict: Verdict) -> str:
    rows = verdict.comparison.rows
    failed = [r for r in rows if r.verdict in FAILING]
    suites = ElementTree.Element("testsuites", name="bfbench gate",
                                 tests=str(len(rows) + len(verdict.measurement_failures)),
                                 failures=str(len(failed)),
                                 errors=str(len(verdict.measurement_failures)))
    suite = ElementTree.SubElement(suites, "testsuite", name="bfbench gate",
                                   tests=suites.get("tests"), failures=suites.get("failures"),
                                   errors=suites.get("errors"), skipped="0", time="0")
    properties = ElementTree.SubElement(suite, "properties")
    for name, value in (("baseline", verdict.baseline), ("command", verdict.reproduce),
                        ("threshold", str(verdict.comparison.threshold)),
                        ("git_commit", str(verdict.now.context.get("git_commit", "")))):
        ElementTree.SubElement(properties, "property", name=name, value=value)
    for row in rows:
        case = ElementTree.SubElement(suite, "testcase", name=row.name, time="0",
                                      classname=f"bfbench.gate.{row.phase or 'other'}")
        if row.verdict in FAILING:
            failure = ElementTree.SubElement(case, "failure", type=row.verdict.replace(" ", "-"),
                                             message=_change(row))
            failure.text = f"{_change(row)}\nreproduce: {verdict.reproduce}"
        elif row.verdict != compare.SAME:
            ElementTree.SubElement(case, "system-out").text = _change(row)
    for index, message in enumerate(verdict.measurement_failures):
        case = ElementTree.SubElement(suite, "testcase", name=f"measurement {index + 1}",
                                      classname="bfbench.gate.measurement", time="0")
        ElementTree.SubElement(case, "error", type="measurement", message=message).text = message
    ElementTree.indent(suites)
    return ElementTree.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


def markdown(verdict: Verdict) -> str:
    mark = "passed" if verdict.passed else "FAILED"
    out = [f"### bfbench gate (instruction counts): {mark}", "", f"**{verdict.line()}**", ""]
    changed = verdict.changed()
    if changed:
        table = Table(["benchmark", "baseline", "this tree", "change", "verdict"],
                      right=[False, True, True, True, False])
        for row in changed:
            table.add(row.name, units.count(row.base) if row.base is not None else "-",
                      units.count(row.new) if row.new is not None else "-",
                      units.percent_change(row.ratio) if row.ratio else "-",
                      row.verdict + (f" ({row.note})" if row.note else ""))
        out += [table.markdown(), ""]
    else:
        out += [f"All {len(verdict.comparison.rows)} benchmarks within "
                f"{verdict.comparison.threshold:.0%} of the baseline.", ""]
    for message in verdict.measurement_failures:
        out.append(f"- measurement failed: {message}")
    for warning in verdict.warnings + verdict.comparison.warnings:
        out.append(f"- warning: {warning}")
    out += ["", "Reproduce:", "", "```sh", verdict.reproduce, "```", ""]
    return "\n".join(out)


def _write(path: str, text: str, append: bool = False):
    try:
        with open(path, "a" if append else "w") as out:
            out.write(text)
    except OSError as error:
        raise cli.Failure(cli.EXIT_CANNOT_WRITE, f"{path}: cannot write: {error.strerror}")


def write_all(verdict: Verdict, json_path=None, junit_path=None, summary_path=None):
    """Each output asked for; the summary is appended ($GITHUB_STEP_SUMMARY collects)."""
    if json_path:
        _write(json_path, json.dumps(document(verdict), indent=2) + "\n")
    if junit_path:
        _write(junit_path, junit(verdict))
    if summary_path:
        _write(summary_path, markdown(verdict) + "\n", append=True)
