"""Run an example in a real uvicorn and keep what it prints, as a terminal would show it."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.examples import STARTUP_TIMEOUT, command_env, free_port, stop, wait_for

# How long a task's failure may take to show up once the response is in.
OUTPUT_TIMEOUT = 10.0


@dataclass
class Server:
    base_url: str
    stdout_file: Path
    stderr_file: Path  # the same file as stdout_file when the streams are merged

    def stdout(self) -> str:
        return self.stdout_file.read_text(encoding="utf-8")

    def stderr(self) -> str:
        return self.stderr_file.read_text(encoding="utf-8")

    def wait_for_stderr(self, text: str) -> str:
        """Everything on stderr once it contains ``text``."""
        return wait_for(lambda: text in self.stderr() and self.stderr(), OUTPUT_TIMEOUT, repr(text))


@contextmanager
def uvicorn_server(name: str, workdir: Path, *, merged: bool = False) -> Iterator[Server]:
    """``uvicorn docs_src.<name>:app`` on a free port, working in ``workdir``.

    stdout and stderr go to two files, or to one (``merged``), in the order a
    terminal would show them. Stopped with SIGTERM on the way out.
    """
    port = free_port()
    stdout_file = workdir / "uvicorn-stdout.txt"
    stderr_file = stdout_file if merged else workdir / "uvicorn-stderr.txt"
    with ExitStack() as files:
        # The server writes straight into the files; ours are closed once it has them.
        out = files.enter_context(stdout_file.open("w"))
        err = subprocess.STDOUT if merged else files.enter_context(stderr_file.open("w"))
        process = subprocess.Popen(
            ["uvicorn", f"docs_src.{name.replace('/', '.')}:app", "--port", str(port)],
            cwd=workdir,
            env=command_env(port),
            stdout=out,
            stderr=err,
        )
    server = Server(f"http://127.0.0.1:{port}", stdout_file, stderr_file)
    try:

        def ready() -> bool:
            assert process.poll() is None, f"uvicorn exited at start:\n{server.stderr()}"
            return "Uvicorn running on" in server.stderr()

        wait_for(ready, STARTUP_TIMEOUT, f"uvicorn to serve {name}")
        yield server
    finally:
        stop(process, "uvicorn")
