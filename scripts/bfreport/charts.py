"""The report's charts (matplotlib, no display needed). Each is saved as PNG and SVG; the SVG
text is also returned so the HTML page can embed it and open from disk with no network."""
import math
from pathlib import Path
from typing import Dict, List, Optional

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.colors import LogNorm  # noqa: E402
from matplotlib.ticker import FuncFormatter, NullFormatter  # noqa: E402

from . import analysis, compare, results, units  # noqa: E402

# Stable SVG ids and no timestamps: the same results give byte-identical chart files.
plt.rcParams["svg.hashsalt"] = "bfbench"
plt.rcParams["font.size"] = 9
_METADATA = {"svg": {"Date": None}, "png": {"Software": None}}


def _save(figure, out_dir: Path, name: str) -> str:
    """Writes name.png and name.svg; returns the SVG markup (without the XML prolog)."""
    figure.tight_layout()
    figure.savefig(out_dir / f"{name}.png", dpi=110, metadata=_METADATA["png"])
    figure.savefig(out_dir / f"{name}.svg", metadata=_METADATA["svg"])
    plt.close(figure)
    svg = (out_dir / f"{name}.svg").read_text()
    return svg[svg.index("<svg"):]


def seconds_axis(axis):
    """Log-scale y axis labelled "10 ms", "1 s" instead of powers of ten."""
    axis.set_yscale("log")
    formatter = FuncFormatter(lambda value, _: units.seconds(value))
    axis.yaxis.set_major_formatter(formatter)
    low, high = axis.get_ylim()
    # Within about a decade there is at most one major tick: label the minor ones too.
    axis.yaxis.set_minor_formatter(formatter if high < 20 * low else NullFormatter())


def _level_colors(levels: List[str]) -> Dict[str, tuple]:
    palette = plt.get_cmap("viridis")
    count = max(1, len(levels) - 1)
    return {level: palette(0.1 + 0.75 * i / count) for i, level in enumerate(levels)}


def engine_colors(engines: List[str]) -> Dict[str, tuple]:
    """One colour per engine, by its place in the results, the same in every chart."""
    palette = plt.get_cmap("tab10")
    return {engine: palette(i % 10) for i, engine in enumerate(engines)}


def _grouped_bars(axis, groups: List[str], series: List[str], value, error=None, colors=None):
    """Bars grouped by `groups` (x), one per `series`; value(group, series) may be None."""
    width = 0.8 / max(1, len(series))
    for index, name in enumerate(series):
        xs, ys, errs = [], [], []
        for position, group in enumerate(groups):
            v = value(group, name)
            if v is None or v <= 0:
                continue
            xs.append(position - 0.4 + width * (index + 0.5))
            ys.append(v)
            errs.append(error(group, name) if error else 0)
        axis.bar(xs, ys, width, yerr=errs if error else None, label=name, capsize=2,
                 color=colors.get(name) if colors else None)
    axis.set_xticks(range(len(groups)))
    axis.set_xticklabels(groups, rotation=30 if len(groups) > 4 else 0, ha="right"
                         if len(groups) > 4 else "center")


def program_chart(res: results.Results, program: str, out_dir: Path, name: str) -> Optional[str]:
    entries = analysis.program_entries(res, program)
    if not entries:
        return None
    engines = [e for e in res.engines("run") if any(x.engine == e for x in entries)]
    levels = [l for l in res.levels("run") if any(x.level == l for x in entries)]
    by_key = {(e.engine, e.level): e for e in entries}
    colors = _level_colors(levels)
    has_speedups = any(e.speedup for e in entries)
    width = 1.2 * len(engines) * (2 if has_speedups else 1)
    figure, axes = plt.subplots(1, 2 if has_speedups else 1,
                                figsize=(min(13.0, max(6.0, width)), 3.6), squeeze=False)
    left = axes[0][0]
    _grouped_bars(left, engines, levels,
                  lambda g, s: by_key[(g, s)].bench.mean if (g, s) in by_key else None,
                  lambda g, s: by_key[(g, s)].bench.stddev if (g, s) in by_key else 0, colors)
    seconds_axis(left)
    left.set_ylabel("run time per run (log scale)")
    left.set_title(f"{program}: run time (mean ± sd)")
    left.legend(title="level", fontsize=8)
    left.grid(axis="y", which="both", alpha=0.3)
    if has_speedups:
        right = axes[0][1]
        _grouped_bars(right, engines, levels,
                      lambda g, s: by_key[(g, s)].speedup if (g, s) in by_key else None,
                      lambda g, s: by_key[(g, s)].speedup_sd or 0 if (g, s) in by_key else 0,
                      colors)
        right.set_yscale("log")
        right.axhline(1.0, color="black", linewidth=0.8)
        right.set_ylabel(f"speed-up over {analysis.REFERENCE_ENGINE} "
                         f"{analysis.REFERENCE_LEVEL} (×, log)")
        right.set_title(f"{program}: speed-up")
        right.grid(axis="y", which="both", alpha=0.3)
    return _save(figure, out_dir, name)


def heatmap(res: results.Results, out_dir: Path, name: str) -> Optional[str]:
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
    for row, engine in enumerate(engines):
        for column, level in enumerate(levels):
            value = matrix[row][column]
            dark = value is not None and norm(value) > 0.6  # white text on dark green
            axis.text(column, row, units.times(value) if value else "–", ha="center",
                      va="center", fontsize=8, color="white" if dark else "black")
    axis.set_title(f"speed-up over {analysis.REFERENCE_ENGINE} {analysis.REFERENCE_LEVEL} "
                   f"(geometric mean over programs)")
    figure.colorbar(image, ax=axis, label="×")
    return _save(figure, out_dir, name)


def compile_chart(res: results.Results, out_dir: Path, name: str) -> Optional[str]:
    engines = res.engines("compile")
    programs = res.programs("compile")
    levels = res.levels("compile")
    if not engines or not levels:
        return None
    level = levels[-1]  # the optimized programs are what people run
    jits = analysis.jit_engines(res)
    colors = engine_colors(res.engines())
    panels = 2 if jits else 1
    figure, axes = plt.subplots(panels, 1, figsize=(min(12.0, max(6.0, 0.9 * len(programs) + 2)),
                                                    3.4 * panels), squeeze=False)
    left = axes[0][0]

    def compile_time(program, engine):
        bench = res.get("compile", engine, program, level)
        return bench.mean if bench and bench.ok else None

    def compile_sd(program, engine):
        bench = res.get("compile", engine, program, level)
        return bench.stddev if bench and bench.ok else 0

    _grouped_bars(left, programs, engines, compile_time, compile_sd, colors)
    seconds_axis(left)
    left.set_ylabel("parse + optimize + compile (log)")
    left.set_title(f"compile time at {level}")
    left.legend(title="engine", fontsize=7, ncol=2)
    left.grid(axis="y", alpha=0.3)
    if jits:
        right = axes[1][0]

        def code_bytes(program, engine):
            for phase in ("compile", "run"):
                bench = res.get(phase, engine, program, level)
                if bench and bench.counters.get("code_bytes"):
                    return bench.counters["code_bytes"]
            return None

        _grouped_bars(right, programs, jits, code_bytes, colors=colors)
        right.set_yscale("log")
        right.set_ylabel("generated code (bytes, log)")
        right.set_title(f"code size at {level}")
        right.legend(title="engine", fontsize=7, ncol=2)
        right.grid(axis="y", alpha=0.3)
    return _save(figure, out_dir, name)


def change_chart(comparison: compare.Comparison, out_dir: Path, name: str,
                 limit: int = 40) -> Optional[str]:
    """The largest changes against the baseline, as % change; significant ones coloured."""
    rows = [r for r in comparison.rows if r.ratio]
    if not rows:
        return None
    rows.sort(key=lambda r: -abs(math.log(r.ratio)))
    rows = list(reversed(rows[:limit]))
    colors = {compare.SLOWER: "#c0392b", compare.FASTER: "#27ae60"}
    figure, axis = plt.subplots(figsize=(7.5, 0.22 * len(rows) + 1.2))
    axis.barh(range(len(rows)), [(r.ratio - 1) * 100 for r in rows],
              color=[colors.get(r.verdict, "#95a5a6") for r in rows])
    axis.set_yticks(range(len(rows)))
    axis.set_yticklabels([r.name for r in rows], fontsize=7)
    axis.axvline(0, color="black", linewidth=0.8)
    for bound in (comparison.threshold, -comparison.threshold / (1 + comparison.threshold)):
        axis.axvline(bound * 100, color="black", linewidth=0.5, linestyle=":")
    axis.set_xlabel("median vs baseline (%); red slower, green faster, grey within the threshold "
                    "or not significant")
    axis.set_title(f"largest changes ({len(rows)} of {len(comparison.rows)} benchmarks)")
    return _save(figure, out_dir, name)
