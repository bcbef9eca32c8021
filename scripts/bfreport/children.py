"""Child processes that end with the script that started them.

run() starts each child in a process group of its own and remembers it while it runs;
end_on_signals() turns SIGTERM and SIGHUP into an exception, as Python already does for SIGINT
(KeyboardInterrupt), so the script unwinds -- temporary directories go with their with-blocks --
and whoever catches it calls kill_all() first, so that worker threads waiting on children return
at once. cli.run() maps the exception to exit status 128 + signal number.
"""
import os
import signal
import subprocess
import threading
from typing import List, Set

_running: Set[subprocess.Popen] = set()
_lock = threading.Lock()


class Ended(BaseException):
    """The script received SIGTERM or SIGHUP."""

    def __init__(self, signal_number: int):
        super().__init__(signal.Signals(signal_number).name)
        self.signal_number = signal_number


def _raise_ended(signal_number, _frame):
    raise Ended(signal_number)


def end_on_signals() -> None:
    """From now on SIGTERM and SIGHUP raise Ended in the main thread."""
    for signal_number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signal_number, _raise_ended)


def run(command: List[str], timeout: float) -> subprocess.CompletedProcess:
    """subprocess.run(command, capture_output=True, text=True, timeout=timeout) in a process
    group of its own, killed with its group on a timeout or when kill_all() is called."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    with _lock:
        _running.add(process)
    try:
        out, err = process.communicate(timeout=timeout)
    except BaseException:
        _kill(process)
        process.communicate()
        raise
    finally:
        with _lock:
            _running.discard(process)
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def kill_all() -> None:
    """Kills every running child's process group (they are then reaped by run())."""
    with _lock:
        processes = list(_running)
    for process in processes:
        _kill(process)


def _kill(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
