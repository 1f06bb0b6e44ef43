"""Run a real Oxigraph server (the `oxigraph` binary from PyPI's oxigraph package) on loopback.

Used by `thidua serve`, the tests and the benchmark. Started the datasette way: a free port,
poll until it answers, its stderr in the error if it dies, terminate -> wait -> kill on stop.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from thidua.errors import StoreLocked, StoreUnavailable, ThiduaError

HOST = "127.0.0.1"
START_TIMEOUT = 20.0
STOP_TIMEOUT = 5.0


class ServerNotFound(ThiduaError):
    def __init__(self):
        super().__init__("no `oxigraph` server binary next to this Python or on PATH "
                         "(pip install oxigraph)")


def find_binary() -> str | None:
    """The `oxigraph` executable of this environment's oxigraph package, else the one on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("oxigraph")


def free_port(host: str = HOST) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def port_in_use(port: int, host: str = HOST) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1)
        return sock.connect_ex((host, port)) == 0


class OxigraphServer:
    """`oxigraph serve` (or `serve-read-only`) on `location`, bound to 127.0.0.1:`port`.

    With location=None the server keeps its data in memory. Use as a context manager.
    """

    def __init__(self, location: str | os.PathLike | None = None, port: int | None = None,
                 read_only: bool = False, union_default_graph: bool = False,
                 binary: str | None = None):
        if read_only and location is None:
            raise ThiduaError("a read-only Oxigraph server needs a store directory")
        self.binary = binary or find_binary()
        if self.binary is None:
            raise ServerNotFound()
        self.location = None if location is None else Path(location)
        self.port = port or free_port()
        self.read_only, self.union_default_graph = read_only, union_default_graph
        self._process: subprocess.Popen | None = None
        self._stderr = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def command(self) -> list[str]:
        args = [self.binary, "serve-read-only" if self.read_only else "serve",
                "--bind", f"{HOST}:{self.port}"]
        if self.location is not None:
            args += ["--location", str(self.location)]
        if self.union_default_graph:
            args.append("--union-default-graph")
        return args

    def start(self) -> "OxigraphServer":
        if self.location is not None and not self.read_only:
            self.location.mkdir(parents=True, exist_ok=True)
        if port_in_use(self.port):
            # Else the poll below would take the other server's answers for this one's.
            raise StoreUnavailable(f"cannot start an oxigraph server on {self.url}: "
                                   "the port is in use (choose another port)")
        # A file, not a pipe: a chatty server can never block on a full pipe.
        self._stderr = tempfile.TemporaryFile()
        self._process = subprocess.Popen(self.command(), stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL, stderr=self._stderr)
        try:
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise self._start_error(f"exited with status {self._process.returncode}")
            if self._answers():
                return
            time.sleep(0.05)
        raise self._start_error(f"did not answer within {START_TIMEOUT:g} s")

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/query?query=ASK%7B%7D", timeout=1):
                return True
        except urllib.error.HTTPError:
            return True  # it answered, even if it did not like the probe
        except OSError:
            return False

    def _start_error(self, what: str) -> ThiduaError:
        stderr = self.stderr_text()
        if "lock" in stderr.lower() and self.location is not None:
            return StoreLocked(self.location)
        return StoreUnavailable(f"oxigraph server on {self.url} {what}: "
                                f"{stderr.strip() or '(no output)'} [{' '.join(self.command())}]")

    def stderr_text(self) -> str:
        if self._stderr is None:
            return ""
        self._stderr.seek(0)
        text = self._stderr.read().decode("utf-8", "replace")
        return text.split("Stack backtrace:")[0][-2000:]  # the Rust backtrace is noise here

    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            try:
                process.terminate()
                process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None

    def __enter__(self) -> "OxigraphServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
