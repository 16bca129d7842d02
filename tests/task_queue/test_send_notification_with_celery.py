import time

import pytest
from kombu.exceptions import EncodeError
from pydantic import BaseModel

from tests.examples import DOCS_SRC, import_example, read_log, run_transcript, wait_for

EXAMPLE = "task_queue/send_notification_with_celery"
WORKER_MODULE = "task_queue/notification_tasks"
LINE = "notification for ada@example.com: welcome aboard"
QUEUE = "celery"  # the Redis list where Celery's default queue keeps waiting jobs


def state_of(app, task_id: str) -> str:
    return app.client.get(f"/tasks/{task_id}").json()["state"]


# --8<-- [start:test]
def test_the_worker_runs_the_job_and_the_status_shows_its_result(
    celery_env, start_worker, run_example
):
    start_worker()
    app = run_example(EXAMPLE)

    response = app.client.post("/send-notification/ada@example.com")

    assert response.status_code == 202
    task_id = response.json()["task_id"]
    assert isinstance(task_id, str)
    assert response.json() == {"task_id": task_id}
    # Another process runs the job: wait for its line, with a deadline.
    wait_for(lambda: app.log(), timeout=10, what="the worker to write log.txt")
    assert app.log() == LINE + "\n"
    # The worker stores the state once the function has returned, a moment later.
    wait_for(lambda: state_of(app, task_id) == "SUCCESS", timeout=10, what="SUCCESS")
    status = app.client.get(f"/tasks/{task_id}")
    assert status.json() == {"task_id": task_id, "state": "SUCCESS", "result": LINE}
    # --8<-- [end:test]


# --8<-- [start:restart]
def test_a_job_waits_in_redis_until_a_worker_starts(
    celery_env, redis_client, start_worker, run_example
):
    app = run_example(EXAMPLE)

    response = app.client.post("/send-notification/ada@example.com")

    assert response.status_code == 202
    task_id = response.json()["task_id"]
    # No worker yet: the job is kept in Redis, and nothing runs it.
    assert redis_client.llen(QUEUE) == 1
    time.sleep(0.5)
    assert app.log() == ""
    assert state_of(app, task_id) == "PENDING"

    start_worker()

    wait_for(lambda: app.log(), timeout=10, what="the worker to write log.txt")
    assert app.log() == LINE + "\n"
    assert redis_client.llen(QUEUE) == 0
    # --8<-- [end:restart]


def test_a_bad_address_is_rejected_and_nothing_is_queued(
    celery_env, redis_client, start_worker, run_example
):
    app = run_example(EXAMPLE)

    response = app.client.post("/send-notification/ada%0Aforged@example.com")

    assert response.status_code == 422
    error = response.json()["detail"][0]
    assert error["loc"] == ["path", "email"]
    assert error["type"] == "string_pattern_mismatch"
    assert redis_client.llen(QUEUE) == 0
    # The worker takes jobs in order: once a later good one ran, a bad one would have too.
    start_worker()
    app.client.post("/send-notification/grace@example.com")
    wait_for(lambda: app.log(), timeout=10, what="the worker to write log.txt")
    assert app.log() == "notification for grace@example.com: welcome aboard\n"


def test_an_unknown_task_id_looks_pending(celery_env, run_example):
    app = run_example(EXAMPLE)

    status = app.client.get("/tasks/no-such-task")

    assert status.status_code == 200
    assert status.json() == {"task_id": "no-such-task", "state": "PENDING", "result": None}


# --8<-- [start:retry]
def test_a_transient_error_is_retried_until_it_succeeds(celery_env, start_worker, tmp_path):
    tasks = import_example(WORKER_MODULE)
    start_worker()

    started = time.monotonic()
    job = tasks.send_notification_to_flaky_server.delay("ada@example.com", "welcome aboard")

    # Two failures, retried after 1 s and 2 s, then a success.
    result = job.get(timeout=20)
    assert time.monotonic() - started >= 1 + 2
    assert result == "notification for ada@example.com: welcome aboard (attempt 3)"
    assert read_log(tmp_path).splitlines() == [
        "attempt 1 for ada@example.com: mail server unreachable",
        "attempt 2 for ada@example.com: mail server unreachable",
        "notification for ada@example.com: welcome aboard (attempt 3)",
    ]
    # --8<-- [end:retry]


def test_the_status_says_retry_until_the_job_succeeds(celery_env, start_worker, run_example):
    tasks = import_example(WORKER_MODULE)
    app = run_example(EXAMPLE)
    start_worker()

    job = tasks.send_notification_to_flaky_server.delay("ada@example.com", "welcome aboard")

    states = []

    def succeeded() -> bool:
        status = app.client.get(f"/tasks/{job.id}").json()
        if not states or states[-1] != status:
            states.append(status)
        return status["state"] == "SUCCESS"

    wait_for(succeeded, timeout=20, what="the job to succeed")
    # The first poll may come before the first attempt; the retries last 3 s.
    if states[0]["state"] == "PENDING":
        states.pop(0)
    assert states == [
        {"task_id": job.id, "state": "RETRY", "result": None},
        {
            "task_id": job.id,
            "state": "SUCCESS",
            "result": "notification for ada@example.com: welcome aboard (attempt 3)",
        },
    ]


class Signup(BaseModel):
    email: str


# --8<-- [start:serializable]
def test_an_argument_json_cannot_encode_fails_at_the_call(celery_env, redis_client):
    tasks = import_example(WORKER_MODULE)

    # A Pydantic model, a database session, an open file: none of them is JSON.
    with pytest.raises(EncodeError, match="is not JSON serializable"):
        tasks.send_notification.delay(Signup(email="ada@example.com"), "welcome aboard")

    assert redis_client.llen(QUEUE) == 0
    # --8<-- [end:serializable]


def test_the_commands_on_the_page_print_what_the_page_shows(tmp_path):
    run_transcript(DOCS_SRC / "task_queue" / "send_notification_with_celery.console", tmp_path)
