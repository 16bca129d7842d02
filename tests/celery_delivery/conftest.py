from collections.abc import Callable, Iterator

import pytest

from tests.celery_servers import Worker


@pytest.fixture
def start_worker(start_worker) -> Iterator[Callable[..., Worker]]:
    """The shared fixture, except that each worker ends with SIGKILL.

    How a worker dies is what these tests look at, and a warm shutdown takes a
    second or more per worker. A killed worker saves no coverage data: the
    examples' code is covered by the tests that run it in the test process.
    """
    workers: list[Worker] = []

    def start(*args, **kwargs) -> Worker:
        worker = start_worker(*args, **kwargs)
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.process.kill()
        worker.process.wait()
