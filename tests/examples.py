"""Run the examples of docs_src the way the lessons say, inside a test's tmp_path."""

from __future__ import annotations

import importlib
import os
import queue
import re
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

# One free port of loopback, for the servers the tests start (shared with the scripts).
from scripts.project import free_port  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
DOCS_SRC = ROOT / "docs_src"
LOG_FILE = "log.txt"

# Lines of a transcript that pymdownx.snippets strips from the page.
SECTION_MARKER = re.compile(r"--8<-- \[(start|end):\w+\]")
# A server started as "python -m <module>" goes by the module's name.
SERVER_COMMANDS = {"uvicorn", "fastapi", "redis-server", "celery", "aiosmtpd"}
# celery serves only as a worker (or beat); "celery call" sends one job and exits.
CELERY_SERVER_SUBCOMMANDS = {"worker", "beat"}
# A transcript line that stands for Ctrl+C pressed in the last server's terminal.
INTERRUPT = "^C"
DOCUMENTED_PORT = 8000
# The task-queue lesson's Redis: the examples read its URL from REDIS_URL.
DOCUMENTED_REDIS_PORT = 6379
REDIS_URL_VARIABLE = "REDIS_URL"
# The real-email lesson's SMTP server: the examples read its port from SMTP_PORT.
DOCUMENTED_SMTP_PORT = 8025
SMTP_PORT_VARIABLE = "SMTP_PORT"
# Servers that print nothing when they are ready, and the port they listen on:
# what they print (the mail they received) comes while later commands run.
QUIET_SERVERS = {"aiosmtpd": DOCUMENTED_SMTP_PORT}
# In the expected output of a server command, "..." stands for any text (a
# timestamp, a process id, a host name).
WILDCARD = "..."
READ_COMMANDS = {"cat", "tail"}
READ_PATIENCE = 5.0  # seconds
STARTUP_TIMEOUT = 20.0  # seconds for a server to be ready, on a slow machine
STOP_TIMEOUT = 10.0  # seconds for a server to stop on SIGTERM


@dataclass
class Example:
    """An example app under test, working in its own folder."""

    client: TestClient
    workdir: Path

    def log(self) -> str:
        """What the app wrote to log.txt, or "" if it wrote nothing."""
        return read_log(self.workdir)

    def log_lines(self) -> list[str]:
        return self.log().splitlines()


def import_example(name: str):
    """Import docs_src/<name>.py afresh, so no state leaks between tests.

    The whole lesson's package goes, not only the module: an example may import
    a sibling (a Celery app, a fake session) that reads its settings at import.
    """
    module_name = "docs_src." + name.replace("/", ".")
    lesson = module_name.rsplit(".", 1)[0]
    stale = {m for m in sys.modules if m == lesson or m.startswith(lesson + ".")}
    for loaded in stale:
        del sys.modules[loaded]
    _forget_celery_tasks(stale)
    return importlib.import_module(module_name)


def _forget_celery_tasks(modules: set[str]) -> None:
    """Drop what Celery keeps of the tasks of modules that are imported again.

    Celery remembers every function decorated with @app.task, process-wide, and
    registers it on each app finalized later (an in-process worker finalizes its
    app): the old copies would clash with the new ones by name.
    """
    if "celery" not in sys.modules:
        return
    from celery import _state

    for callback in list(_state._on_app_finalizers):
        names = getattr(getattr(callback, "__code__", None), "co_freevars", ())
        cells = dict(zip(names, getattr(callback, "__closure__", None) or (), strict=True))
        fun = cells["fun"].cell_contents if "fun" in cells else None
        if getattr(fun, "__module__", None) in modules:
            _state._on_app_finalizers.discard(callback)


def read_log(workdir: Path) -> str:
    """What the examples wrote to log.txt in ``workdir``, or "" if nothing."""
    path = workdir / LOG_FILE
    return path.read_text(encoding="utf-8") if path.exists() else ""


def wait_for(check: Callable[[], object], timeout: float, what: str) -> object:
    """Poll check() until it returns something true, or fail after timeout seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"gave up after {timeout} s waiting for {what}")
        time.sleep(0.05)


def stop(process: subprocess.Popen, name: str) -> None:
    """SIGTERM, as a service manager would; fail if it takes longer than STOP_TIMEOUT."""
    process.terminate()
    wait_to_stop(process, name)


def wait_to_stop(process: subprocess.Popen, name: str) -> None:
    """Wait for a process sent SIGTERM to end; fail if it takes longer than STOP_TIMEOUT."""
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        pytest.fail(f"{name} did not stop within {STOP_TIMEOUT} s of SIGTERM")


@dataclass
class Step:
    command: str
    expected: list[str] = field(default_factory=list)


def parse_transcript(path: Path) -> list[Step]:
    """Split a .console file into commands and the output each one prints."""
    steps: list[Step] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if SECTION_MARKER.search(line):
            continue
        if line.startswith("$ "):
            steps.append(Step(line[2:]))
        elif line == INTERRUPT:
            steps.append(Step(INTERRUPT))
        elif steps:
            steps[-1].expected.append(line)
        elif line.strip():
            raise ValueError(f"{path}: output before any command: {line!r}")
    return steps


def redis_url(port: int) -> str:
    return f"redis://127.0.0.1:{port}/0"


def _line_matches(line: str, expected: str) -> bool:
    if WILDCARD not in expected:
        return line == expected
    pattern = ".*".join(re.escape(part) for part in expected.split(WILDCARD))
    return re.fullmatch(pattern, line) is not None


class Server:
    """A server command running in the background, and every line it printed."""

    def __init__(self, command: str, env: Mapping[str, str], cwd: Path) -> None:
        self.command = command
        self.printed: list[str] = []
        self.url = ""  # where it answers, when the caller knows (start_example)
        self.process = subprocess.Popen(
            shlex.split(command),
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        # A thread reads the output to its end: the deadlines hold even if the
        # server goes quiet, and the server never blocks on a full pipe later.
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self._lines.put(line.rstrip("\n"))
        self._lines.put(None)  # end of output: the server exited

    def _next_line(self, deadline: float, waiting_for: str) -> str | None:
        try:
            line = self._lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise AssertionError(
                f"{self.command!r} never printed {waiting_for}:\n" + "\n".join(self.printed)
            ) from None
        if line is not None:
            self.printed.append(line)
        return line

    def expect(self, expected: Sequence[str], timeout: float = STARTUP_TIMEOUT) -> None:
        """Wait until the server prints the expected lines, in this order, among others."""
        self._expect(expected, time.monotonic() + timeout)

    def _expect(self, expected: Sequence[str], deadline: float) -> None:
        for want in expected:
            while True:
                line = self._next_line(deadline, repr(want))
                if line is None:
                    raise AssertionError(
                        f"{self.command!r} exited before printing {want!r}:\n"
                        + "\n".join(self.printed)
                    )
                if _line_matches(line, want):
                    break

    def stop_with(self, sig: int, expected: Sequence[str] = ()) -> list[str]:
        """Send sig; the server must print expected (as expect does) and exit in STOP_TIMEOUT.

        Returns what it printed after the lines read before, to its last line.
        """
        start = len(self.printed)
        self.process.send_signal(sig)
        deadline = time.monotonic() + STOP_TIMEOUT
        self._expect(expected, deadline)
        while self._next_line(deadline, "its last line (it did not exit)") is not None:
            pass
        self.process.wait(timeout=max(0.0, deadline - time.monotonic()))
        return self.printed[start:]

    def close(self) -> None:
        """Stop the server with SIGTERM if it still runs (SIGKILL if that fails)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._reader.join(timeout=STOP_TIMEOUT)
        self.process.stdout.close()


def server_name(command: str) -> str | None:
    """The server that a command of a transcript starts, or None."""
    words = shlex.split(command)
    name = words[2] if words[:2] == ["python", "-m"] and len(words) > 2 else words[0]
    if name == "celery" and CELERY_SERVER_SUBCOMMANDS.isdisjoint(words):
        return None
    return name if name in SERVER_COMMANDS else None


def _accepts_connections(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


@contextmanager
def _server(
    command: str,
    env: Mapping[str, str],
    cwd: Path,
    expected: list[str],
    *,
    ready_port: int | None = None,
) -> Iterator[Server]:
    """Start a server; it is ready once it printed ``expected``, or, with
    ``ready_port``, once that port accepts connections (its expected lines are
    then left for the caller to check with expect())."""
    server = Server(command, env, cwd)
    try:
        if ready_port is None:
            server.expect(expected)
        else:

            def ready() -> bool:
                assert server.process.poll() is None, f"{command!r} exited early:\n" + "\n".join(
                    server.printed
                )
                return _accepts_connections(ready_port)

            wait_for(ready, STARTUP_TIMEOUT, f"{command!r} to accept connections")
        yield server
    finally:
        server.close()


def command_env(
    port: int = DOCUMENTED_PORT,
    redis_port: int = DOCUMENTED_REDIS_PORT,
    smtp_port: int = DOCUMENTED_SMTP_PORT,
) -> dict[str, str]:
    """The environment a reader has: the venv's commands, docs_src importable.

    uvicorn listens on ``port``, and the examples find Redis on ``redis_port``
    and the SMTP server on ``smtp_port``.
    """
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        # Output reaches the pipe line by line, as it reaches a terminal.
        "PYTHONUNBUFFERED": "1",
        "UVICORN_PORT": str(port),
        REDIS_URL_VARIABLE: redis_url(redis_port),
        SMTP_PORT_VARIABLE: str(smtp_port),
    }


@contextmanager
def start_example(
    name: str,
    workdir: Path,
    options: str = "",
    env: Mapping[str, str] | None = None,
    redis_port: int = DOCUMENTED_REDIS_PORT,
) -> Iterator[Server]:
    """Run docs_src/<name>.py in a real uvicorn process, with these command-line options
    and extra environment variables; yield the Server, with its base URL in ``url``.

    An example that uses Celery finds the test's Redis on ``redis_port``."""
    port = free_port()
    command = f"uvicorn docs_src.{name.replace('/', '.')}:app --port {port}"
    if options:
        command += f" {options}"
    ready = f"INFO:     Uvicorn running on http://127.0.0.1:{port} (Press CTRL+C to quit)"
    environment = {**command_env(port, redis_port), **(env or {})}
    with _server(command, environment, workdir, [ready]) as server:
        server.url = f"http://127.0.0.1:{port}"
        yield server


@contextmanager
def serve_example(
    name: str, workdir: Path, redis_port: int = DOCUMENTED_REDIS_PORT
) -> Iterator[str]:
    """Run docs_src/<name>.py in a real uvicorn process; yield its base URL.

    For what TestClient cannot show: requests that overlap, and tasks that run
    while the next request is served. An example that uses Celery finds the
    test's Redis on ``redis_port``.
    """
    with start_example(name, workdir, redis_port=redis_port) as server:
        yield server.url


def run_transcript(path: Path, workdir: Path, env: Mapping[str, str] | None = None) -> None:
    """Type every command of a transcript and compare what it prints.

    A server command (uvicorn, fastapi, redis-server, celery, python -m
    aiosmtpd) starts in the background and must print its expected lines, in
    that order, among the rest of its output; "..." in such a line stands for
    any text. The commands after it run against it, and the servers stop in
    reverse order at the end. The harness waits for a server's lines before the
    next command; for a quiet server (QUIET_SERVERS: aiosmtpd prints nothing
    until mail arrives), it waits for its port instead, and checks its lines
    after the last command.

    A line "^C" is Ctrl+C in the terminal of the last server started: it gets
    SIGINT, must print the lines that follow (as above) and exit.

    ``env`` adds environment variables to every command, for a setting the
    page tells the reader about (a shorter duration, say).

    The servers get free ports instead of 8000, Redis's 6379 and aiosmtpd's
    8025, so a reader's own servers cannot disturb the test: the ports are
    swapped in the commands and in their expected output alike, and REDIS_URL
    and SMTP_PORT point at the test's servers.
    """
    port = free_port()
    redis_port = free_port()
    smtp_port = free_port()
    env = {**command_env(port, redis_port, smtp_port), **(env or {})}
    documented_redis_port = re.compile(rf"\b{DOCUMENTED_REDIS_PORT}\b")
    ports = {DOCUMENTED_SMTP_PORT: smtp_port}

    def localise(text: str) -> str:
        text = text.replace(f":{DOCUMENTED_PORT}", f":{port}")
        text = text.replace(f":{DOCUMENTED_SMTP_PORT}", f":{smtp_port}")
        return documented_redis_port.sub(str(redis_port), text)

    with ExitStack() as stack:
        servers: list[Server] = []
        later: list[tuple[Server, list[str]]] = []  # quiet servers' expected lines
        for step in parse_transcript(path):
            command = localise(step.command)
            expected = [localise(line) for line in step.expected]
            if command == INTERRUPT:
                assert servers, f"{path}: {INTERRUPT} before any server command"
                servers.pop().stop_with(signal.SIGINT, expected)
                continue
            name = server_name(command)
            if name in QUIET_SERVERS:
                quiet = _server(command, env, workdir, [], ready_port=ports[QUIET_SERVERS[name]])
                later.append((stack.enter_context(quiet), expected))
                continue
            if name is not None:
                servers.append(stack.enter_context(_server(command, env, workdir, expected)))
                continue
            want = "\n".join(expected).strip()
            # The task runs after the response, so a file read straight after a
            # call may not be written yet; a reader types slower than this loop.
            patience = READ_PATIENCE if shlex.split(command)[0] in READ_COMMANDS else 0
            deadline = time.monotonic() + patience
            while True:
                done = subprocess.run(
                    command,
                    shell=True,
                    cwd=workdir,
                    env=env,
                    capture_output=True,
                    text=True,
                    timeout=30,
                )
                if (done.returncode, done.stdout.strip()) == (
                    0,
                    want,
                ) or time.monotonic() > deadline:
                    break
                time.sleep(0.05)
            assert done.returncode == 0, f"{command!r} failed:\n{done.stderr}"
            assert done.stdout.strip() == want, f"output of {command!r}"
        for server, expected in later:
            server.expect(expected)
