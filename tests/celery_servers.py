"""A real Redis and real Celery workers for the Celery lessons, in a test's tmp_path.

The fixtures are shared by every test folder through tests/conftest.py.
"""

from __future__ import annotations

import gc
import shutil
import subprocess
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis

from tests.examples import (
    REDIS_URL_VARIABLE,
    STARTUP_TIMEOUT,
    command_env,
    free_port,
    redis_url,
    stop,
    wait_for,
    wait_to_stop,
)

WORKER_MODULE = "docs_src.task_queue.notification_tasks"


def collect_garbage() -> None:
    """Let the test's garbage go while its Redis still answers.

    A job's AsyncResult unsubscribes from Redis on its way out, and the clients
    of an example's module drop their sockets (quietly, here): collected later,
    in another test, they would fail or warn there.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


# --8<-- [start:redis]
@contextmanager
def redis_server(workdir: Path) -> Iterator[int]:
    """A throwaway redis-server on a free port, in memory only; yields its port."""
    if shutil.which("redis-server") is None:
        pytest.fail("redis-server is not installed (Debian/Ubuntu: apt-get install redis-server)")
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
        cwd=workdir,
        stdout=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    try:

        def answers() -> bool:
            try:
                return client.ping()
            except redis.ConnectionError:
                assert process.poll() is None, "redis-server exited at start"
                return False

        wait_for(answers, STARTUP_TIMEOUT, "redis-server to answer PING")
        yield port
    finally:
        collect_garbage()
        client.close()
        stop(process, "redis-server")


@pytest.fixture
def redis_port(tmp_path) -> Iterator[int]:
    """The test's Redis."""
    with redis_server(tmp_path) as port:
        yield port
        # --8<-- [end:redis]


@pytest.fixture
def start_redis(tmp_path) -> Iterator[Callable[[], int]]:
    """Start more Redis servers on demand, such as a second broker; returns each one's port."""
    with ExitStack() as servers:
        yield lambda: servers.enter_context(redis_server(tmp_path))


@pytest.fixture
def redis_client(redis_port) -> Iterator[redis.Redis]:
    """A client of the test's Redis, to look into the queue."""
    client = redis.Redis(port=redis_port)
    yield client
    client.close()


# --8<-- [start:worker]
@dataclass
class Worker:
    process: subprocess.Popen
    output: Path  # everything the worker printed

    def printed(self) -> str:
        return self.output.read_text(encoding="utf-8")


@pytest.fixture
def start_worker(tmp_path, redis_port) -> Iterator[Callable[..., Worker]]:
    """Start a Celery worker on demand; each one is stopped with SIGTERM at the end.

    It works in tmp_path, so the tasks write log.txt there. By default it runs
    the task-queue lesson's module in the solo pool; a test can name another
    module, pool and options, and more environment variables.
    """
    workers: list[Worker] = []

    def start(
        module: str = WORKER_MODULE,
        *,
        pool: str = "solo",
        options: Sequence[str] = (),
        env: Mapping[str, str] | None = None,
    ) -> Worker:
        output = tmp_path / f"worker-{len(workers) + 1}.out"
        with output.open("w", encoding="utf-8") as out:
            process = subprocess.Popen(
                [
                    *("celery", "-A", module, "worker"),
                    # Solo: one process that runs one task at a time, so the
                    # log's order is the queue's.
                    f"--pool={pool}",
                    "--concurrency=1",
                    # Alone on its broker: skip the chatter with other workers.
                    *("--without-gossip", "--without-mingle", "--without-heartbeat"),
                    *("--loglevel", "INFO"),
                    *options,
                ],
                cwd=tmp_path,
                env={**command_env(redis_port=redis_port), **(env or {})},
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        worker = Worker(process, output)
        workers.append(worker)

        def ready() -> bool:
            assert process.poll() is None, f"the worker exited:\n{worker.printed()}"
            return " ready." in worker.printed()

        wait_for(ready, STARTUP_TIMEOUT, "the worker's ready line")
        return worker

    yield start
    for worker in workers:
        worker.process.terminate()  # SIGTERM
    # A worker reads the signal when its wait for a job returns: end it now.
    end_waits_for_jobs(redis_port)
    for worker in reversed(workers):
        wait_to_stop(worker.process, "the Celery worker")
        # --8<-- [end:worker]


def end_waits_for_jobs(port: int) -> None:
    """Make each BRPOP waiting on this Redis return at once, as if it had timed out."""
    with redis.Redis(port=port) as client:
        for connection in client.client_list():
            if connection["cmd"] == "brpop":
                client.client_unblock(connection["id"])


@pytest.fixture
def celery_env(monkeypatch, redis_port) -> str:
    """Point the examples at the test's Redis, before they are imported.

    Celery reads its broker URL when the worker module is imported; the tests
    import it afresh with run_example or import_example.
    """
    url = redis_url(redis_port)
    monkeypatch.setenv(REDIS_URL_VARIABLE, url)
    return url
