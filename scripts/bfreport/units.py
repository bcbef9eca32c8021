"""Human-readable numbers: durations, instruction counts, byte sizes, ratios."""


def seconds(value: float) -> str:
    if value is None:
        return "n/a"
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if abs(value) >= scale:
            return f"{value / scale:.3g} {unit}"
    return f"{value / 1e-9:.3g} ns"


def count(value: float) -> str:
    if value is None:
        return "n/a"
    for unit, scale in (("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if abs(value) >= scale:
            return f"{value / scale:.3f} {unit}"
    return f"{value:.0f}"


def size(value: float) -> str:
    if value is None:
        return "n/a"
    for unit, scale in (("MiB", 1 << 20), ("KiB", 1 << 10)):
        if abs(value) >= scale:
            return f"{value / scale:.1f} {unit}"
    return f"{value:.0f} B"


def quantity(value: float, unit: str) -> str:
    """A sample value in its benchmark's unit."""
    return count(value) if unit == "instructions" else seconds(value)


def percent_change(ratio: float) -> str:
    return f"{(ratio - 1) * 100:+.1f}%"


def times(value: float) -> str:
    """A speed-up factor: "1.6×", "352×", "5,030×" (no exponents in front of a reader)."""
    if value is None:
        return "n/a"
    return f"{value:,.0f}×" if abs(value) >= 100 else f"{value:.3g}×"


def spread(value: float) -> str:
    """The ± part of a factor, two significant digits, no exponent."""
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.2g}"
