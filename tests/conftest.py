from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from scripts.project import ROOT

# Plain asserts in the shared helpers report their values like those in tests.
pytest.register_assert_rewrite("tests.examples")

# Redis and Celery workers, for every lesson that uses Celery.
from tests.celery_servers import (  # noqa: E402, F401
    celery_env,
    redis_client,
    redis_port,
    start_redis,
    start_worker,
)
from tests.examples import Example, import_example  # noqa: E402

# An SMTP server that keeps what it receives, for every lesson that sends mail.
from tests.smtp_server import smtp_server  # noqa: E402, F401


@pytest.fixture
def run_example(tmp_path, monkeypatch) -> Iterator[Callable[[str], Example]]:
    """Start an example app of docs_src with TestClient, working in tmp_path.

    ``run_example("first_task/send_notification")`` imports the module afresh,
    changes the working directory to this test's tmp_path (where the app writes
    its log.txt) and returns the client and a reader of that log.
    """
    monkeypatch.chdir(tmp_path)
    clients: list[TestClient] = []

    def run(name: str) -> Example:
        client = TestClient(import_example(name).app)
        client.__enter__()  # runs the app's lifespan, as a server would
        clients.append(client)
        return Example(client=client, workdir=tmp_path)

    yield run
    for client in reversed(clients):
        client.__exit__(None, None, None)


@pytest.fixture(scope="session")
def site(tmp_path_factory, worker_id) -> Path:
    """The whole site, built with --strict into a temporary folder, once per test run."""
    from tests.site.build import build_site, once_per_run

    return once_per_run(
        tmp_path_factory, worker_id, "site", lambda folder: build_site(ROOT, folder / "site")
    )
