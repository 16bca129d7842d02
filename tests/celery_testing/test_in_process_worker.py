import sys
import time
import warnings

# start_worker first sends Celery's ping task, defined here, and waits for the answer.
import celery.contrib.testing.tasks  # noqa: F401
import pytest
from celery.contrib.testing.worker import start_worker
from celery.exceptions import TimeoutError as CeleryTimeoutError

TASKS_MODULE = "docs_src.celery_testing.notification_tasks"

LINE = "notification for ada@example.com: welcome aboard"


# --8<-- [start:fixture]
@pytest.fixture
def in_process_worker(celery_env, run_example):
    app = run_example("celery_testing/send_notification_with_status")
    tasks = sys.modules[TASKS_MODULE]  # the module the app imported, afresh
    # A worker in a thread of this process, on the test's real Redis.
    with warnings.catch_warnings():
        # It runs under this process's warning filters, where pytest makes
        # every warning an error: let redis-py's notice about setex through.
        warnings.filterwarnings("ignore", "Call to deprecated setex", DeprecationWarning)
        with start_worker(tasks.celery_app, pool="solo"):
            yield app, tasks
        # --8<-- [end:fixture]


# --8<-- [start:test]
def test_the_in_process_worker_goes_through_the_real_broker_in_the_tests_process(
    in_process_worker, redis_client
):
    app, tasks = in_process_worker

    task_id = app.client.post("/send-notification/ada@example.com").json()["task_id"]

    assert tasks.celery_app.AsyncResult(task_id).get(timeout=10) == LINE
    # The state is stored in Redis, and the status endpoint reads it.
    assert redis_client.exists(f"celery-task-meta-{task_id}")
    assert app.client.get(f"/tasks/{task_id}").json()["state"] == "SUCCESS"
    # The retry waits for its countdown, as with a separate worker.
    started = time.monotonic()
    tasks.send_notification_to_flaky_server.delay("ada@example.com").get(timeout=10)
    assert time.monotonic() - started >= tasks.RETRY_DELAY
    # A return value JSON cannot encode fails, as with a separate worker.
    job = tasks.send_notification_with_receipt.delay("ada@example.com")
    job.get(timeout=10, propagate=False)
    assert job.state == "FAILURE"
    # --8<-- [end:test]

    # --8<-- [start:same_process]
    # One process: the task changed the very dict the test reads, as in eager mode.
    assert tasks.sent_count == {"ada@example.com": 1}
    # --8<-- [end:same_process]


# --8<-- [start:warnings_are_errors]
def test_where_warnings_are_errors_the_in_process_worker_dies_at_its_first_result(
    celery_env, run_example, capfd
):
    run_example("celery_testing/send_notification_with_status")
    tasks = sys.modules[TASKS_MODULE]

    # No filter this time: start_worker's ping runs, and its result is never stored.
    with (
        pytest.raises(CeleryTimeoutError),
        start_worker(tasks.celery_app, pool="solo", ping_task_timeout=2),
    ):
        pass

    printed = capfd.readouterr().err
    assert "Unrecoverable error" in printed
    assert "DeprecationWarning: Call to deprecated setex" in printed
    # --8<-- [end:warnings_are_errors]
