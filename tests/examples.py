"""Run the examples of docs_src the way the lessons say, inside a test's tmp_path."""

from __future__ import annotations

import importlib
import os
import queue
import re
import shlex
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
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
SERVER_COMMANDS = {"uvicorn", "fastapi", "redis-server", "celery"}
DOCUMENTED_PORT = 8000
# The task-queue lesson's Redis: the examples read its URL from REDIS_URL.
DOCUMENTED_REDIS_PORT = 6379
REDIS_URL_VARIABLE = "REDIS_URL"
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


@contextmanager
def _server(command: str, env: dict, cwd: Path, expected: list[str]) -> Iterator[None]:
    process = subprocess.Popen(
        shlex.split(command),
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    # A thread reads the output to its end: the deadline holds even if the
    # server goes quiet, and the server never blocks on a full pipe later.
    lines: queue.Queue[str | None] = queue.Queue()

    def read_output() -> None:
        for line in process.stdout:
            lines.put(line)
        lines.put(None)  # end of output: the server exited

    reader = threading.Thread(target=read_output, daemon=True)
    reader.start()
    seen: list[str] = []
    try:
        deadline = time.monotonic() + 20
        waiting = list(expected)
        while waiting:
            try:
                line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(
                    f"{command!r} never printed {waiting[0]!r}:\n{''.join(seen)}"
                ) from None
            if line is None:
                raise AssertionError(f"{command!r} exited early:\n{''.join(seen)}")
            seen.append(line)
            if _line_matches(line.rstrip("\n"), waiting[0]):
                waiting.pop(0)
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)
        reader.join(timeout=10)
        process.stdout.close()


def command_env(
    port: int = DOCUMENTED_PORT, redis_port: int = DOCUMENTED_REDIS_PORT
) -> dict[str, str]:
    """The environment a reader has: the venv's commands, docs_src importable.

    uvicorn listens on ``port``, and the examples find Redis on ``redis_port``.
    """
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "UVICORN_PORT": str(port),
        REDIS_URL_VARIABLE: redis_url(redis_port),
    }


@contextmanager
def serve_example(
    name: str, workdir: Path, redis_port: int = DOCUMENTED_REDIS_PORT
) -> Iterator[str]:
    """Run docs_src/<name>.py in a real uvicorn process; yield its base URL.

    For what TestClient cannot show: requests that overlap, and tasks that run
    while the next request is served. An example that uses Celery finds the
    test's Redis on ``redis_port``.
    """
    port = free_port()
    command = f"uvicorn docs_src.{name.replace('/', '.')}:app --port {port}"
    ready = f"INFO:     Uvicorn running on http://127.0.0.1:{port} (Press CTRL+C to quit)"
    with _server(command, command_env(port, redis_port), workdir, [ready]):
        yield f"http://127.0.0.1:{port}"


def run_transcript(path: Path, workdir: Path) -> None:
    """Type every command of a transcript and compare what it prints.

    A server command (uvicorn, fastapi, redis-server, celery) starts in the
    background and must print its expected lines, in that order, among the rest
    of its output; "..." in such a line stands for any text. The commands after
    it run against it, and the servers stop in reverse order at the end.

    The servers get free ports instead of 8000 and Redis's 6379, so a reader's
    own servers cannot disturb the test: the ports are swapped in the commands
    and in their expected output alike, and REDIS_URL points at the test's Redis.
    """
    port = free_port()
    redis_port = free_port()
    env = command_env(port, redis_port)
    documented_redis_port = re.compile(rf"\b{DOCUMENTED_REDIS_PORT}\b")

    def localise(text: str) -> str:
        text = text.replace(f":{DOCUMENTED_PORT}", f":{port}")
        return documented_redis_port.sub(str(redis_port), text)

    with ExitStack() as servers:
        for step in parse_transcript(path):
            command = localise(step.command)
            expected = [localise(line) for line in step.expected]
            if shlex.split(command)[0] in SERVER_COMMANDS:
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
