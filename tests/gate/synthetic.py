"""Writes synthetic result files in Google Benchmark 1.7.1's JSON shape, for the report, compare
and gate tests (the shapes follow what libbenchmark writes with --benchmark_repetitions)."""
import json
import random


def repeated_rows(name, seconds, repetitions=5, spread=0.01, counters=None, rng=None,
                  error=None):
    """Per-repetition rows plus mean/median/stddev/cv aggregates, as `--benchmark_repetitions`
    writes them. Times are reported in ns like bfbench's driver does."""
    rng = rng or random.Random(1)
    counters = counters or {}
    base = {"family_index": 0, "per_family_instance_index": 0, "run_name": name,
            "repetitions": repetitions, "threads": 1}
    rows = []
    samples = []
    for index in range(repetitions):
        row = dict(base, name=name, run_type="iteration", repetition_index=index)
        if error:
            row.update(error_occurred=True, error_message=error, iterations=1, real_time=0.0,
                       cpu_time=0.0, time_unit="ns")
            rows.append(row)
            continue
        value = seconds * (1 + rng.uniform(-spread, spread))
        samples.append(value)
        row.update(iterations=10, real_time=value * 1e9, cpu_time=value * 1e9 * 0.99,
                   time_unit="ns", **counters)
        rows.append(row)
    if samples:
        mean = sum(samples) / len(samples)
        ordered = sorted(samples)
        median = ordered[len(ordered) // 2]
        sd = (sum((s - mean) ** 2 for s in samples) / max(1, len(samples) - 1)) ** 0.5
        for kind, value in (("mean", mean), ("median", median), ("stddev", sd),
                            ("cv", sd / mean)):
            rows.append(dict(base, name=f"{name}_{kind}", run_type="aggregate",
                             aggregate_name=kind, aggregate_unit="time", iterations=repetitions,
                             real_time=value * 1e9, cpu_time=value * 1e9, time_unit="ns",
                             **counters))
    return rows


def context(**extra):
    out = {"date": "2024-01-01T00:00:00+00:00", "host_name": "test", "executable": "bfbench",
           "num_cpus": 2, "mhz_per_cpu": 2600, "cpu_scaling_enabled": False,
           "load_avg": [0.5, 0.4, 0.3], "library_build_type": "debug",
           "git_commit": "0123456789ab"}
    out.update(extra)
    return out


# Engine names that are not the project's, so a test fails if anything hard-codes the engine list.
ENGINES = {"naive": 1.0, "zeta": 0.2, "omegajit": 0.02}
PROGRAMS = {"alpha": 0.5, "beta": 2.0}
LEVELS = {"O0": 1.0, "O1": 0.7, "O3": 0.3}


def matrix(slowdown=None, repetitions=5, seed=1, errors=()):
    """A full run+compile matrix; `slowdown` maps a benchmark name to a factor applied to it."""
    rng = random.Random(seed)
    slowdown = slowdown or {}
    rows = []
    for engine, engine_factor in ENGINES.items():
        for program, program_seconds in PROGRAMS.items():
            for level, level_factor in LEVELS.items():
                code = 1000.0 * level_factor if engine.endswith("jit") else 0.0
                ops = 500.0 * level_factor
                for phase in ("compile", "run"):
                    name = f"{phase}/{engine}/{program}/{level}"
                    seconds = (program_seconds * engine_factor * level_factor if phase == "run"
                               else 1e-5 * (5 if engine.endswith("jit") else 1))
                    seconds *= slowdown.get(name, 1.0)
                    rows += repeated_rows(
                        name + "/min_time:0.100", seconds, repetitions, rng=rng,
                        counters={"ops": ops, "code_bytes": code, "output_bytes": 42.0},
                        error="wrong output" if name in errors else None)
    return {"context": context(), "benchmarks": rows}


def write(path, data):
    with open(path, "w") as out:
        json.dump(data, out, indent=1)
    return str(path)
