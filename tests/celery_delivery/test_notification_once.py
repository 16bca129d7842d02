import time

import pytest

from tests.celery_delivery.jobs import (
    PATIENCE,
    QUICK_RERUN,
    TIME_TO_KILL,
    jobs_in_redis,
    lock_and_write,
    wait_for_run,
    waits_for_lock,
)
from tests.examples import DOCS_SRC, import_example, read_log, run_transcript, wait_for

LINE = "notification n-1 for ada@example.com"
VISIBILITY_TIMEOUT = 1  # seconds, for the test; the examples' default is an hour


# --8<-- [start:died]
@pytest.mark.parametrize(
    ("example", "task_name", "result", "log_after_the_second_run"),
    [
        ("notification_once", "send_notification_once", LINE, LINE + "\n"),
        # The first run claimed the id, then died: the line is never written.
        ("notification_claimed_first", "send_notification_claimed_first", None, ""),
    ],
    ids=["check-under-a-lock", "claim-first"],
)
def test_a_job_that_died_midway_is_run_again(
    example, task_name, result, log_after_the_second_run,
    celery_env, redis_client, start_worker, tmp_path,
):  # fmt: skip
    task = getattr(import_example(f"celery_delivery/{example}"), task_name)
    module = f"docs_src.celery_delivery.{example}"
    short_timeout = {"VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT)}
    worker = start_worker(module, pool="solo", env={**short_timeout, **TIME_TO_KILL})
    job = task.delay("n-1", "ada@example.com")

    wait_for_run("n-1", worker)
    taken = time.monotonic()
    worker.process.kill()  # kill -9, before the line is written
    worker.process.wait()

    # A worker that starts after the visibility timeout runs the job again.
    wait_for(lambda: time.monotonic() - taken > VISIBILITY_TIMEOUT, 5, "the timeout")
    start_worker(module, pool="solo", env={**short_timeout, **QUICK_RERUN})
    assert job.get(timeout=10) == result
    assert read_log(tmp_path) == log_after_the_second_run
    nothing_left = {"waiting": 0, "unacknowledged": 0}
    wait_for(lambda: jobs_in_redis(redis_client) == nothing_left, PATIENCE, "the acknowledgement")
    # --8<-- [end:died]


def test_a_claim_taken_first_stops_a_second_run_when_nothing_dies(
    celery_env, monkeypatch, tmp_path
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RENDER_SECONDS", "0")
    task = import_example(
        "celery_delivery/notification_claimed_first"
    ).send_notification_claimed_first

    # In the test process: the claims still live in the test's Redis.
    assert task.apply(("n-1", "ada@example.com")).get() == LINE
    assert task.apply(("n-1", "ada@example.com")).get() is None
    assert read_log(tmp_path) == LINE + "\n"


# --8<-- [start:lock]
def test_a_run_waits_for_the_lock_then_finds_the_line(celery_env, start_worker, tmp_path):
    tasks = import_example("celery_delivery/notification_once")
    worker = start_worker("docs_src.celery_delivery.notification_once", env={"RENDER_SECONDS": "0"})
    log = tmp_path / "log.txt"
    # Another process writes the line and keeps the lock, as another run would.
    other_run = lock_and_write(log, LINE)

    job = tasks.send_notification_once.delay("n-1", "ada@example.com")

    wait_for(lambda: waits_for_lock(log), PATIENCE, "the run to wait for the lock")
    assert not job.ready()
    other_run.kill()  # kill -9: its lock goes with it
    assert job.get(timeout=PATIENCE) == LINE
    assert "notification n-1 was already written" in worker.printed()
    assert read_log(tmp_path) == LINE + "\n"
    # --8<-- [end:lock]


def test_the_commands_on_the_page_print_what_the_page_shows(tmp_path):
    run_transcript(DOCS_SRC / "celery_delivery" / "notification_once.console", tmp_path)
