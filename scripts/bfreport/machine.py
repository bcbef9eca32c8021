"""What the gate's instruction counts depend on besides the source tree: CPU, C library,
valgrind, compiler and build settings. Recorded with every count, compared with the baseline's."""
import os
import platform
import re
import subprocess
from pathlib import Path
from typing import Dict

# Keys whose difference from the baseline can change counts without any change of ours.
COUNT_AFFECTING = ("cpu_model", "cpu_features", "libc", "valgrind", "compiler", "build_type",
                   "cxx_flags", "disabled_pass")


def cpu_facts() -> Dict[str, str]:
    model, flags = platform.processor() or "unknown", ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "model name" and model in ("unknown", "", "x86_64"):
                model = value.strip()
            elif key.strip() == "flags" and not flags:
                flags = value.strip()
    except OSError:
        pass
    # glibc picks memchr/memcpy variants by these features; a summary tells machines apart.
    wanted = ("sse4_2", "avx", "avx2", "avx512f", "avx512bw", "avx512vl", "erms", "fsrm", "bmi2")
    features = " ".join(f for f in wanted if f in flags.split())
    return {"cpu_model": model, "cpu_features": features}


def _cmake_cache(build_dir: Path) -> Dict[str, str]:
    values = {}
    try:
        for line in (build_dir / "CMakeCache.txt").read_text().splitlines():
            match = re.match(r"^([A-Za-z_][A-Za-z0-9_]*):[A-Z]+=(.*)$", line)
            if match:
                values[match.group(1)] = match.group(2)
    except OSError:
        pass
    return values


def _compiler(build_dir: Path, cache: Dict[str, str]) -> str:
    for found in sorted((build_dir / "CMakeFiles").glob("*/CMakeCXXCompiler.cmake")):
        text = found.read_text()
        ident = re.search(r'set\(CMAKE_CXX_COMPILER_ID "([^"]*)"\)', text)
        version = re.search(r'set\(CMAKE_CXX_COMPILER_VERSION "([^"]*)"\)', text)
        if ident and version:
            return f"{ident.group(1)} {version.group(1)}"
    return cache.get("CMAKE_CXX_COMPILER", "unknown")


def _valgrind() -> str:
    try:
        return subprocess.run(["valgrind", "--version"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def describe(build_dir: Path, bfbench: Path) -> Dict[str, str]:
    cache = _cmake_cache(build_dir)
    build_type = cache.get("CMAKE_BUILD_TYPE", "")
    try:
        version = subprocess.run([str(bfbench), "--version"], capture_output=True, text=True,
                                 timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        version = "unknown"
    commit = re.search(r"commit ([0-9a-zA-Z]+)", version)
    context = {
        "git_commit": commit.group(1) if commit else "unknown",
        "bfbench": version,
        **cpu_facts(),
        "libc": " ".join(platform.libc_ver()) or os.confstr("CS_GNU_LIBC_VERSION"),
        "valgrind": _valgrind(),
        "compiler": _compiler(build_dir, cache),
        "build_type": build_type,
        "cxx_flags": " ".join(filter(None, [
            cache.get("CMAKE_CXX_FLAGS", ""),
            cache.get(f"CMAKE_CXX_FLAGS_{build_type.upper()}", "")])),
        "disabled_pass": cache.get("BFBENCH_DISABLED_PASS", ""),
    }
    return context
