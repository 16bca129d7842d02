"""Run the examples of docs_src the way the lessons say, inside a test's tmp_path."""

from __future__ import annotations

import importlib
import os
import re
import shlex
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parent.parent
DOCS_SRC = ROOT / "docs_src"
LOG_FILE = "log.txt"

# Lines of a transcript that pymdownx.snippets strips from the page.
SECTION_MARKER = re.compile(r"--8<-- \[(start|end):\w+\]")
# A server started as "python -m <module>" goes by the module's name.
SERVER_COMMANDS = {"uvicorn", "fastapi", "redis-server", "celery", "aiosmtpd"}
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
    for loaded in [m for m in sys.modules if m == lesson or m.startswith(lesson + ".")]:
        del sys.modules[loaded]
    return importlib.import_module(module_name)


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
        elif steps:
            steps[-1].expected.append(line)
        elif line.strip():
            raise ValueError(f"{path}: output before any command: {line!r}")
    return steps


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_url(port: int) -> str:
    return f"redis://127.0.0.1:{port}/0"


def _line_matches(line: str, expected: str) -> bool:
    if WILDCARD not in expected:
        return line == expected
    pattern = ".*".join(re.escape(part) for part in expected.split(WILDCARD))
    return re.fullmatch(pattern, line) is not None


@dataclass
class Server:
    """A server process a test started, and what it has printed so far."""

    command: str
    process: subprocess.Popen
    url: str = ""  # the base URL of an app server
    lines: list[str] = field(default_factory=list)  # filled as the server prints
    ended: bool = False  # its output ended: the server exited
    _looked_at: int = 0  # lines[:_looked_at] were looked at by expect()

    def printed(self) -> str:
        return "".join(self.lines)

    def expect(self, expected: list[str], timeout: float = STARTUP_TIMEOUT) -> None:
        """Wait until the server prints these lines, in order, among the rest.

        Each call looks only at lines printed after those an earlier call saw;
        "..." in an expected line stands for any text.
        """
        deadline = time.monotonic() + timeout
        for want in expected:
            while True:
                ended = self.ended  # before looking: no line can come after it
                if self._looked_at < len(self.lines):
                    self._looked_at += 1
                    if _line_matches(self.lines[self._looked_at - 1].rstrip("\n"), want):
                        break
                elif ended:
                    raise AssertionError(f"{self.command!r} exited early:\n{self.printed()}")
                elif time.monotonic() > deadline:
                    raise AssertionError(
                        f"{self.command!r} never printed {want!r}:\n{self.printed()}"
                    )
                else:
                    time.sleep(0.02)


def server_name(command: str) -> str | None:
    """The server that a command of a transcript starts, or None."""
    words = shlex.split(command)
    name = words[2] if words[:2] == ["python", "-m"] and len(words) > 2 else words[0]
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
    env: dict,
    cwd: Path,
    expected: list[str],
    *,
    url: str = "",
    ready_port: int | None = None,
) -> Iterator[Server]:
    """Start a server; it is ready once it printed ``expected``, or, with
    ``ready_port``, once that port accepts connections (its expected lines are
    then left for the caller to check with expect())."""
    process = subprocess.Popen(
        shlex.split(command),
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    server = Server(command, process, url)

    # A thread reads the output to its end: the deadline holds even if the
    # server goes quiet, and the server never blocks on a full pipe later.
    def read_output() -> None:
        for line in process.stdout:
            server.lines.append(line)
        server.ended = True

    reader = threading.Thread(target=read_output, daemon=True)
    reader.start()
    try:
        if ready_port is None:
            server.expect(expected)
        else:

            def ready() -> bool:
                assert process.poll() is None, f"{command!r} exited early:\n{server.printed()}"
                return _accepts_connections(ready_port)

            wait_for(ready, STARTUP_TIMEOUT, f"{command!r} to accept connections")
        yield server
    finally:
        process.terminate()
        process.wait(timeout=10)
        reader.join(timeout=10)
        process.stdout.close()


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
    name: str, workdir: Path, env: Mapping[str, str] | None = None
) -> Iterator[Server]:
    """Run docs_src/<name>.py in a real uvicorn process, with more ``env``.

    The Server gives its base URL, its process (to stop it at a chosen moment)
    and what uvicorn printed (its log, tracebacks included).
    """
    port = free_port()
    command = f"uvicorn docs_src.{name.replace('/', '.')}:app --port {port}"
    ready = f"INFO:     Uvicorn running on http://127.0.0.1:{port} (Press CTRL+C to quit)"
    environment = {**command_env(port), **(env or {})}
    with _server(command, environment, workdir, [ready], url=f"http://127.0.0.1:{port}") as server:
        yield server


@contextmanager
def serve_example(name: str, workdir: Path) -> Iterator[str]:
    """Run docs_src/<name>.py in a real uvicorn process; yield its base URL.

    For what TestClient cannot show: requests that overlap, and tasks that run
    while the next request is served.
    """
    with start_example(name, workdir) as server:
        yield server.url


def run_transcript(path: Path, workdir: Path) -> None:
    """Type every command of a transcript and compare what it prints.

    A server command (uvicorn, fastapi, redis-server, celery, python -m
    aiosmtpd) starts in the background and must print its expected lines, in
    that order, among the rest of its output; "..." in such a line stands for
    any text. The commands after it run against it, and the servers stop in
    reverse order at the end. The harness waits for a server's lines before the
    next command; for a quiet server (QUIET_SERVERS: aiosmtpd prints nothing
    until mail arrives), it waits for its port instead, and checks its lines
    after the last command.

    The servers get free ports instead of 8000, Redis's 6379 and aiosmtpd's 8025, so
    a reader's own servers cannot disturb the test: the ports are swapped in the
    commands and in their expected output alike, and REDIS_URL and SMTP_PORT
    point at the test's servers.
    """
    port = free_port()
    redis_port = free_port()
    smtp_port = free_port()
    env = command_env(port, redis_port, smtp_port)
    documented_redis_port = re.compile(rf"\b{DOCUMENTED_REDIS_PORT}\b")
    ports = {DOCUMENTED_SMTP_PORT: smtp_port}

    def localise(text: str) -> str:
        text = text.replace(f":{DOCUMENTED_PORT}", f":{port}")
        text = text.replace(f":{DOCUMENTED_SMTP_PORT}", f":{smtp_port}")
        return documented_redis_port.sub(str(redis_port), text)

    with ExitStack() as servers:
        later: list[tuple[Server, list[str]]] = []  # quiet servers' expected lines
        for step in parse_transcript(path):
            command = localise(step.command)
            expected = [localise(line) for line in step.expected]
            name = server_name(command)
            if name in QUIET_SERVERS:
                ready_port = ports[QUIET_SERVERS[name]]
                server = _server(command, env, workdir, [], ready_port=ready_port)
                later.append((servers.enter_context(server), expected))
                continue
            if name is not None:
                servers.enter_context(_server(command, env, workdir, expected))
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
