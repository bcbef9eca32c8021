"""A tiny Chrome DevTools Protocol client for the browser test: starts headless Chromium with
--remote-debugging-pipe (CDP messages are NUL-terminated JSON on the child's fds 3 and 4, so no
websocket library is needed) and sends commands to one page."""
import fcntl
import json
import os
import select
import subprocess
import time

_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--remote-debugging-pipe"]


class CdpError(RuntimeError):
    pass


class Browser:
    def __init__(self, chromium: str, profile_dir: str, width: int = 1280, height: int = 900):
        # High fds, so that moving them to 3 and 4 in the child cannot overwrite one another.
        commands_read, self._commands = os.pipe()
        self._replies, replies_write = os.pipe()
        child_in = fcntl.fcntl(commands_read, fcntl.F_DUPFD_CLOEXEC, 20)
        child_out = fcntl.fcntl(replies_write, fcntl.F_DUPFD_CLOEXEC, 20)
        os.close(commands_read)
        os.close(replies_write)

        def child_fds():
            os.dup2(child_in, 3)    # dup2 makes them inheritable across exec
            os.dup2(child_out, 4)

        self.process = subprocess.Popen(
            [chromium, *_FLAGS, f"--user-data-dir={profile_dir}",
             f"--window-size={width},{height}", "about:blank"],
            preexec_fn=child_fds, close_fds=False, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(child_in)
        os.close(child_out)
        self._next_id = 0
        self._buffer = b""
        self.session = None

    def close(self):
        try:
            os.close(self._commands)
            os.close(self._replies)
        finally:
            self.process.kill()
            self.process.wait(timeout=30)

    def send(self, method: str, params=None, session: bool = True, timeout: float = 30.0):
        """Sends one command and returns its result (events on the way are dropped)."""
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise CdpError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def _read(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._replies], [], [], left)[0]:
                raise CdpError("no reply from Chromium in time")
            chunk = os.read(self._replies, 1 << 16)
            if not chunk:
                raise CdpError("Chromium closed the debugging pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def attach_to_page(self, timeout: float = 30.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pages = [t for t in self.send("Target.getTargets", session=False)["targetInfos"]
                     if t["type"] == "page"]
            if pages:
                self.session = self.send("Target.attachToTarget",
                                         {"targetId": pages[0]["targetId"], "flatten": True},
                                         session=False)["sessionId"]
                return
            time.sleep(0.2)
        raise CdpError("Chromium opened no page")

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            raise CdpError(f"{expression[:60]}...: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 30.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.1)
        raise CdpError(f"timed out waiting for {expression}")

    def mouse(self, kind: str, x: float, y: float):
        params = {"type": kind, "x": x, "y": y}
        if kind != "mouseMoved":
            params.update(button="left", clickCount=1)
        self.send("Input.dispatchMouseEvent", params)


def open_page(chromium: str, profile_dir: str, page, ready: str, width: int = 1280,
              height: int = 900) -> Browser:
    """A browser showing the file `page` (a Path) once the JavaScript `ready` is true; closed
    again if that fails."""
    browser = Browser(chromium, profile_dir, width, height)
    try:
        browser.attach_to_page()
        browser.send("Page.enable")
        browser.send("Page.navigate", {"url": page.as_uri()})
        browser.wait_for(f"document.readyState === 'complete' && ({ready})")
    except Exception:
        browser.close()
        raise
    return browser
