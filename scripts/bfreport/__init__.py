"""bfreport: reads bfbench results (Google Benchmark JSON, gate instruction counts) and turns them
into charts, an HTML/Markdown report, wall-time comparisons and the instruction-count gate.

The command-line entry points are scripts/report, scripts/history, scripts/compare and scripts/gate;
each one is a thin wrapper around the main() of the module with the same name.
"""
