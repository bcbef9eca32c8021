"""Shared command-line plumbing: sysexits-style exit codes and one-line error messages."""
import argparse
import sys

from . import children

EXIT_OK = 0
EXIT_FAILED = 1       # the check itself failed (a regression)
EXIT_USAGE = 64       # bad arguments
EXIT_DATA = 65        # an input file is not what it should be
EXIT_CANNOT_READ = 66
EXIT_SOFTWARE = 70    # a tool we run failed (valgrind, bfbench)
EXIT_CANNOT_WRITE = 74  # an output file cannot be written (as bfbench's --out)


class Failure(Exception):
    """An error to print on one line and exit with `code`."""

    def __init__(self, code: int, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


class ArgumentParser(argparse.ArgumentParser):
    """argparse that exits 64 with one line, like bfbench does for bad usage."""

    def error(self, message):
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")


def run(prog: str, main, argv=None) -> int:
    """Runs main(argv) and turns a Failure into its message and exit code; SIGINT, SIGTERM and
    SIGHUP end it with 130, 143 and 129 after its children and temporary files (children.py)."""
    children.end_on_signals()
    try:
        return main(argv)
    except Failure as failure:
        print(f"{prog}: {failure.message}", file=sys.stderr)
        return failure.code
    except KeyboardInterrupt:
        print(f"{prog}: interrupted", file=sys.stderr)
        return 130
    except children.Ended as ended:
        print(f"{prog}: ended by {ended}", file=sys.stderr)
        return 128 + ended.signal_number
