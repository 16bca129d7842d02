import time

import pytest
from celery.exceptions import Retry

from tests.examples import import_example, read_log

EXAMPLE = "celery_delivery/retry_with_jitter"
MODULE = "docs_src.celery_delivery.retry_with_jitter"
SAMPLES = 300  # draws per retry: each possible delay turns up, except with odds below 1e-50


def countdowns(task, retries: int, arguments=()) -> set[int]:
    """Every countdown Celery's autoretry picks for this retry, over many failures."""
    picked = set()

    def retry(exc, countdown, **options):
        picked.add(countdown)  # instead of sending the retry
        return Retry(exc=exc, when=countdown)

    task.retry = retry
    task.push_request(retries=retries)
    try:
        for _ in range(SAMPLES):
            with pytest.raises(Retry):
                task.run(*arguments)
    finally:
        task.pop_request()
        del task.retry
    return picked


# --8<-- [start:jitter]
def test_each_delay_is_drawn_from_zero_to_the_capped_backoff(celery_env, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    task = import_example(EXAMPLE).send_notification_to_down_server

    # retry_backoff=1: 1 s, 2 s, then 4 s capped at retry_backoff_max=2; and
    # retry_jitter, True by default, draws each delay from 0 up to that value.
    notification = ("n-1", "ada@example.com")
    assert countdowns(task, retries=0, arguments=notification) == {0, 1}
    assert countdowns(task, retries=1, arguments=notification) == {0, 1, 2}
    assert countdowns(task, retries=2, arguments=notification) == {0, 1, 2}
    # --8<-- [end:jitter]


# --8<-- [start:max_retries]
def test_the_job_fails_after_max_retries(celery_env, start_worker, tmp_path):
    tasks = import_example(EXAMPLE)
    start_worker(MODULE)

    started = time.monotonic()
    job = tasks.send_notification_to_down_server.delay("n-1", "ada@example.com")

    with pytest.raises(ConnectionError, match="mail server unreachable"):
        job.get(timeout=20)
    # The first attempt and max_retries=3 retries; each waited 2 s at most.
    assert read_log(tmp_path).splitlines() == [
        f"attempt {attempt} for notification n-1: mail server unreachable"
        for attempt in (1, 2, 3, 4)
    ]
    assert time.monotonic() - started < 1 + 2 + 2 + 5  # the delays, plus a margin
    assert job.state == "FAILURE"
    # --8<-- [end:max_retries]


def test_by_default_the_backoff_stops_growing_at_600_seconds(celery_env, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    app = import_example(EXAMPLE).celery_app

    @app.task(bind=True, autoretry_for=(ConnectionError,), retry_backoff=True, retry_jitter=False)
    def always_down(self):
        raise ConnectionError("mail server unreachable")

    assert always_down.max_retries == 3  # Celery's default
    assert countdowns(always_down, retries=9) == {512}
    assert countdowns(always_down, retries=10) == {600}  # 1024 s, capped
