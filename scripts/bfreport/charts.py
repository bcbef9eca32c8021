"""The report's charts (matplotlib, no display needed). Each is saved as PNG and SVG; the SVG
text is also returned so the HTML page can embed it and open from disk with no network.

Charts are made to read values from: rankings are dot + interval plots (the dot is the mean, the
line its 95% interval; the value is written beside each row), times on a log axis whose ticks
say "2 ms", "5 ms" (a dot's place does not depend on where the axis starts, unlike a bar's
height); sizes are bars on a linear axis from zero, in B/KiB. Every dot and bar carries an SVG id
whose tooltip text (value, interval, n) the page shows on hover.
"""
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.colors import LogNorm  # noqa: E402
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter  # noqa: E402
from matplotlib.transforms import blended_transform_factory  # noqa: E402

from . import analysis, compare, results, units  # noqa: E402
from .intervals import Estimate  # noqa: E402

# Stable SVG ids and no timestamps: the same results give byte-identical chart files.
plt.rcParams["svg.hashsalt"] = "bfbench"
plt.rcParams["font.size"] = 9
_METADATA = {"svg": {"Date": None}, "png": {"Software": None}}
_DOT, _LINE = "#1f4e79", "#5b8cc0"


@dataclass
class Chart:
    name: str
    svg: str                                            # markup without the XML prolog
    tips: Dict[str, str] = field(default_factory=dict)  # SVG element id -> tooltip text


def engine_colors(engines: List[str]) -> Dict[str, tuple]:
    """One colour per engine, by its place in the list, the same in every chart (history too)."""
    palette = plt.get_cmap("tab10")
    return {engine: palette(i % 10) for i, engine in enumerate(engines)}


def _save(figure, out_dir: Path, name: str) -> str:
    """Writes name.png and name.svg; returns the SVG markup (without the XML prolog)."""
    figure.tight_layout()
    figure.savefig(out_dir / f"{name}.png", dpi=110, metadata=_METADATA["png"])
    figure.savefig(out_dir / f"{name}.svg", metadata=_METADATA["svg"])
    plt.close(figure)
    svg = (out_dir / f"{name}.svg").read_text()
    return svg[svg.index("<svg"):]


def _save_chart(figure, out_dir: Path, name: str, tips: Dict[str, str]) -> Chart:
    return Chart(name, _save(figure, out_dir, name), tips)


def _readable_log_axis(axis, formatter: Callable[[float], str], which: str = "x"):
    """Log axis with ticks at 1, 2 and 5 of each decade, labelled in units ("20 ms")."""
    target = axis.xaxis if which == "x" else axis.yaxis
    target.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    target.set_major_formatter(FuncFormatter(lambda value, _: formatter(value)))
    target.set_minor_formatter(NullFormatter())


def seconds_axis(axis):
    """Log-scale y axis labelled "10 ms", "20 ms", "50 ms" instead of powers of ten."""
    axis.set_yscale("log")
    _readable_log_axis(axis, units.seconds, "y")


def _interval_text(estimate: Estimate, fmt: Callable[[float], str]) -> str:
    if estimate.has_interval:
        return (f"{fmt(estimate.value)}, 95% CI {fmt(estimate.low)} – {fmt(estimate.high)}, "
                f"n = {estimate.n}")
    return f"{fmt(estimate.value)}, n = {estimate.n} ({estimate.missing})"


def interval_chart(entries: List[analysis.Entry], out_dir: Path, name: str, title: str,
                   xlabel: str, fmt: Callable[[float], str], lower_is_better: bool = True,
                   reference: Optional[float] = None) -> Optional[Chart]:
    """One row per entry in rank order (best at the top): a dot at the estimate, a line over its
    95% interval, the rank and the value written beside it; log x axis (times and factors span
    decades)."""
    entries = [e for e in entries if e.estimate.value > 0]
    if not entries:
        return None
    figure, axis = plt.subplots(figsize=(8.0, 0.24 * len(entries) + 1.3))
    tips = {}
    beside = blended_transform_factory(axis.transAxes, axis.transData)
    for index, entry in enumerate(entries):
        y = len(entries) - 1 - index
        estimate = entry.estimate
        if estimate.has_interval and estimate.low > 0:
            axis.hlines(y, estimate.low, estimate.high, color=_LINE, linewidth=2.2)
        point_id = f"{name}-p{index}"
        axis.plot([estimate.value], [y], "o", color=_DOT, markersize=4.5, gid=point_id)
        tips[point_id] = (f"{entry.engine} {entry.level} (rank {entry.rank_label}): "
                          f"{_interval_text(estimate, fmt)}")
        axis.text(1.01, y, fmt(estimate.value) + ("" if estimate.has_interval else " (n<3)"),
                  transform=beside, va="center", fontsize=7.5)
    axis.set_yticks(range(len(entries)))
    axis.set_yticklabels([f"{e.rank_label:>3}  {e.engine} {e.level}"
                          for e in reversed(entries)], fontsize=8)
    axis.set_ylim(-0.7, len(entries) - 0.3)
    axis.set_xscale("log")
    low = min(min(e.estimate.bounds()[0] for e in entries if e.estimate.bounds()[0] > 0),
              reference or math.inf)
    high = max(max(e.estimate.bounds()[1] for e in entries), reference or 0)
    axis.set_xlim(low / 1.3, high * 1.3)
    _readable_log_axis(axis, fmt)
    if reference is not None:
        axis.axvline(reference, color="black", linewidth=0.8)
    axis.grid(axis="x", which="major", alpha=0.35)
    axis.set_xlabel(xlabel + " (log axis: equal distances are equal ratios)")
    better = "lower is better" if lower_is_better else "higher is better"
    axis.set_title(f"{title} — dot: mean, line: 95% interval; {better}; "
                   f"=N: tied (intervals overlap)", fontsize=9)
    return _save_chart(figure, out_dir, name, tips)


def code_size_chart(res: results.Results, program: str, out_dir: Path,
                    name: str) -> Optional[Chart]:
    """Generated code per engine and level: bars on a linear axis from zero, in B/KiB."""
    rows = []
    for engine in analysis.jit_engines(res):
        for level in res.levels():
            for phase in ("compile", "run"):
                bench = res.get(phase, engine, program, level)
                if bench is not None and bench.counters.get("code_bytes"):
                    rows.append((f"{engine} {level}", bench.counters["code_bytes"]))
                    break
    if not rows:
        return None
    figure, axis = plt.subplots(figsize=(8.0, 0.24 * len(rows) + 1.2))
    tips = {}
    for index, (label, size) in enumerate(rows):
        y = len(rows) - 1 - index
        bar_id = f"{name}-b{index}"
        axis.barh([y], [size], color=_LINE, gid=bar_id)
        tips[bar_id] = f"{label}: {units.size(size)} ({size:,.0f} bytes) of generated code"
        axis.text(size, y, " " + units.size(size), va="center", fontsize=7.5)
    axis.set_yticks(range(len(rows)))
    axis.set_yticklabels([label for label, _ in reversed(rows)], fontsize=8)
    axis.set_xlim(0, max(size for _, size in rows) * 1.18)
    axis.xaxis.set_major_formatter(FuncFormatter(lambda value, _: units.size(value)))
    axis.grid(axis="x", alpha=0.35)
    axis.set_xlabel("generated machine code (linear axis from 0)")
    axis.set_title(f"{program}: code size per engine and level", fontsize=9)
    return _save_chart(figure, out_dir, name, tips)


def heatmap(res: results.Results, out_dir: Path, name: str) -> Optional[Chart]:
    engines, levels, matrix = analysis.speedup_matrix(res)
    values = [v for row in matrix for v in row if v]
    if not values:
        return None
    figure, axis = plt.subplots(figsize=(1.2 * len(levels) + 2.5, 0.55 * len(engines) + 1.5))
    data = [[v if v else math.nan for v in row] for row in matrix]
    low, high = min(values), max(values)
    norm = LogNorm(vmin=min(low, 1.0), vmax=max(high, low * 1.01, 1.01))
    image = axis.imshow(data, cmap="YlGn", aspect="auto", norm=norm)
    axis.set_xticks(range(len(levels)))
    axis.set_xticklabels(levels)
    axis.set_yticks(range(len(engines)))
    axis.set_yticklabels(engines)
    tips = {}
    for row, engine in enumerate(engines):
        for column, level in enumerate(levels):
            value = matrix[row][column]
            dark = value is not None and norm(value) > 0.6  # white text on dark green
            cell_id = f"{name}-c{row}-{column}"
            axis.text(column, row, units.times(value) if value else "–", ha="center",
                      va="center", fontsize=8, color="white" if dark else "black", gid=cell_id)
            if value:
                tips[cell_id] = (f"{engine} {level}: {units.times(value)} faster than "
                                 f"{analysis.REFERENCE_ENGINE} {analysis.REFERENCE_LEVEL} "
                                 f"(geometric mean over programs)")
    axis.set_title(f"run time: speed-up over {analysis.REFERENCE_ENGINE} "
                   f"{analysis.REFERENCE_LEVEL} (geometric mean over programs)", fontsize=9)
    colorbar = figure.colorbar(image, ax=axis, label="× (log colours)")
    colorbar.ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: units.times(value)))
    return _save_chart(figure, out_dir, name, tips)


def change_chart(comparison: compare.Comparison, out_dir: Path, name: str,
                 limit: int = 40) -> Optional[Chart]:
    """The largest changes against the baseline, as % change on a linear axis through zero;
    significant ones coloured."""
    rows = [r for r in comparison.rows if r.ratio]
    if not rows:
        return None
    rows.sort(key=lambda r: -abs(math.log(r.ratio)))
    rows = list(reversed(rows[:limit]))
    colors = {compare.SLOWER: "#c0392b", compare.FASTER: "#27ae60"}
    figure, axis = plt.subplots(figsize=(7.5, 0.22 * len(rows) + 1.2))
    tips = {}
    for index, row in enumerate(rows):
        bar_id = f"{name}-b{index}"
        axis.barh([index], [(row.ratio - 1) * 100], color=colors.get(row.verdict, "#95a5a6"),
                  gid=bar_id)
        interval = (f", 95% CI {units.percent_change(row.ratio_ci[0])} to "
                    f"{units.percent_change(row.ratio_ci[1])}" if row.ratio_ci else "")
        counts = f", n = {row.samples[0]}/{row.samples[1]}" if row.samples else ""
        tips[bar_id] = f"{row.name}: {units.percent_change(row.ratio)}{interval}{counts}: " \
                       f"{row.verdict}"
    axis.set_yticks(range(len(rows)))
    axis.set_yticklabels([r.name for r in rows], fontsize=7)
    axis.axvline(0, color="black", linewidth=0.8)
    for bound in (comparison.threshold, -comparison.threshold / (1 + comparison.threshold)):
        axis.axvline(bound * 100, color="black", linewidth=0.5, linestyle=":")
    axis.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:+.0f}%"))
    axis.set_xlabel("median vs baseline (%); red slower, green faster, grey within the threshold "
                    "or not significant")
    axis.set_title(f"largest changes ({len(rows)} of {len(comparison.rows)} benchmarks)")
    return _save_chart(figure, out_dir, name, tips)
