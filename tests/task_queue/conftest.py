"""A real Redis and a real Celery worker for the task-queue lesson, in a test's tmp_path."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Callable, Iterator

import pytest
import redis

from tests.examples import REDIS_URL_VARIABLE, command_env, free_port, redis_url

WORKER_MODULE = "docs_src.task_queue.notification_tasks"
STARTUP_TIMEOUT = 20.0  # seconds, for a slow machine
STOP_TIMEOUT = 10.0


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
    """SIGTERM, as a service manager would: both servers stop cleanly on it."""
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        pytest.fail(f"{name} did not stop within {STOP_TIMEOUT} s of SIGTERM")


# --8<-- [start:redis]
@pytest.fixture
def redis_port(tmp_path) -> Iterator[int]:
    """A throwaway redis-server on a free port, in memory only."""
    if shutil.which("redis-server") is None:
        pytest.fail("redis-server is not installed (Debian/Ubuntu: apt-get install redis-server)")
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
        cwd=tmp_path,
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
        client.close()
        stop(process, "redis-server")
        # --8<-- [end:redis]


@pytest.fixture
def redis_client(redis_port) -> Iterator[redis.Redis]:
    """A client of the test's Redis, to look into the queue."""
    client = redis.Redis(port=redis_port)
    yield client
    client.close()


# --8<-- [start:worker]
@pytest.fixture
def start_worker(tmp_path, redis_port) -> Iterator[Callable[[], subprocess.Popen]]:
    """Start a Celery worker on demand; each one is stopped with SIGTERM at the end.

    It works in tmp_path, so the tasks write log.txt there.
    """
    workers: list[subprocess.Popen] = []

    def start() -> subprocess.Popen:
        output = tmp_path / f"worker-{len(workers) + 1}.out"
        with output.open("w", encoding="utf-8") as out:
            worker = subprocess.Popen(
                [
                    *("celery", "-A", WORKER_MODULE, "worker"),
                    # One process that runs one task at a time: the log's order is the queue's.
                    *("--pool=solo", "--concurrency=1"),
                    # Alone on its broker: skip the chatter with other workers.
                    *("--without-gossip", "--without-mingle", "--without-heartbeat"),
                    *("--loglevel", "INFO"),
                ],
                cwd=tmp_path,
                env=command_env(redis_port=redis_port),
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        workers.append(worker)

        def ready() -> bool:
            assert worker.poll() is None, (
                f"the worker exited:\n{output.read_text(encoding='utf-8')}"
            )
            return " ready." in output.read_text(encoding="utf-8")

        wait_for(ready, STARTUP_TIMEOUT, "the worker's ready line")
        return worker

    yield start
    for worker in reversed(workers):
        stop(worker, "the Celery worker")
        # --8<-- [end:worker]


@pytest.fixture
def celery_env(monkeypatch, redis_port) -> str:
    """Point the examples at the test's Redis, before they are imported.

    Celery reads its broker URL when the worker module is imported; the tests
    import it afresh with run_example or import_example.
    """
    url = redis_url(redis_port)
    monkeypatch.setenv(REDIS_URL_VARIABLE, url)
    return url
