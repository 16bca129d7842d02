"""The same checks, with task_always_eager and with a real worker: where they disagree."""

import sys
import time
import warnings

import pytest
from pydantic import BaseModel

from tests.examples import REDIS_URL_VARIABLE, free_port, import_example, read_log, redis_url

APP = "celery_testing/send_notification_with_status"
TASKS_MODULE = "docs_src.celery_testing.notification_tasks"


class Signup(BaseModel):
    email: str


# --8<-- [start:expected]
EXPECTED = {
    "eager": {
        "the caller sees the task's change to a module-level dict": True,
        "state that the status endpoint reads for a finished job": "PENDING",
        "warning while reading it": (
            "RuntimeWarning: Results are not stored in backend and should not be retrieved"
            " when task_always_eager is enabled, unless task_store_eager_result is enabled."
        ),
        "the retry waited for its countdown": False,
        "an argument JSON cannot encode": "EncodeError at .delay()",
        "a return value JSON cannot encode": "SUCCESS",
        "Redis is down": "SUCCESS",
    },
    "worker": {
        "the caller sees the task's change to a module-level dict": False,
        "state that the status endpoint reads for a finished job": "SUCCESS",
        "warning while reading it": None,
        "the retry waited for its countdown": True,
        "an argument JSON cannot encode": "EncodeError at .delay()",
        "a return value JSON cannot encode": "FAILURE: EncodeError",
        "Redis is down": "RuntimeError at .delay()",
    },
}
# --8<-- [end:expected]


# --8<-- [start:eager]
def use_eager_mode(tasks) -> None:
    # What a test suite sets to run its tasks without a worker.
    tasks.celery_app.conf.task_always_eager = True
    # --8<-- [end:eager]


# --8<-- [start:observe]
def observe(mode: str, run_example, start_worker, monkeypatch, tmp_path) -> dict:
    app = run_example(APP)
    tasks = sys.modules[TASKS_MODULE]  # the module the app imported, afresh
    if mode == "eager":
        use_eager_mode(tasks)
    else:
        start_worker(TASKS_MODULE)
    seen = {}

    # A module-level dict, changed by the task.
    tasks.send_notification.delay("ada@example.com").get(timeout=10)
    assert "notification for ada@example.com: welcome aboard" in read_log(tmp_path)
    seen["the caller sees the task's change to a module-level dict"] = (
        tasks.sent_count.get("ada@example.com") == 1
    )

    # The status endpoint, once the job has finished and returned its value.
    job = tasks.send_notification.delay("grace@example.com")
    assert job.get(timeout=10) == "notification for grace@example.com: welcome aboard"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        status = app.client.get(f"/tasks/{job.id}").json()
    seen["state that the status endpoint reads for a finished job"] = status["state"]
    runtime_warnings = [w for w in caught if w.category is RuntimeWarning]
    seen["warning while reading it"] = (
        f"RuntimeWarning: {runtime_warnings[0].message}" if runtime_warnings else None
    )

    # A retry with a countdown.
    started = time.monotonic()
    job = tasks.send_notification_to_flaky_server.delay("ada@example.com")
    assert job.get(timeout=10).endswith("(attempt 2)")
    seen["the retry waited for its countdown"] = time.monotonic() - started >= tasks.RETRY_DELAY

    # An argument that JSON cannot encode.
    try:
        tasks.send_notification.delay(Signup(email="ada@example.com"))
        seen["an argument JSON cannot encode"] = "queued"
    except Exception as error:
        seen["an argument JSON cannot encode"] = f"{type(error).__name__} at .delay()"

    # A return value that JSON cannot encode: the task itself did its work.
    job = tasks.send_notification_with_receipt.delay("ada@example.com")
    job.get(timeout=10, propagate=False)
    assert "ada@example.com: welcome aboard (with a receipt)" in read_log(tmp_path)
    seen["a return value JSON cannot encode"] = (
        "SUCCESS" if job.state == "SUCCESS" else f"{job.state}: {type(job.result).__name__}"
    )

    # Redis down: the same module, imported with a port where nothing listens.
    monkeypatch.setenv(REDIS_URL_VARIABLE, redis_url(free_port()))
    down = import_example("celery_testing/notification_tasks")
    if mode == "eager":
        use_eager_mode(down)
    try:
        seen["Redis is down"] = down.send_notification.delay("ada@example.com").state
    except Exception as error:
        seen["Redis is down"] = f"{type(error).__name__} at .delay()"
    return seen
    # --8<-- [end:observe]


# --8<-- [start:pair]
@pytest.mark.parametrize("mode", ["eager", "worker"])
def test_the_same_checks_in_eager_mode_and_with_a_real_worker(
    mode, celery_env, run_example, start_worker, monkeypatch, tmp_path
):
    observed = observe(mode, run_example, start_worker, monkeypatch, tmp_path)

    assert observed == EXPECTED[mode]
    # --8<-- [end:pair]
