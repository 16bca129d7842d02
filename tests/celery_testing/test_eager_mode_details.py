import sys
import warnings

import pytest
from celery import Celery
from kombu.exceptions import EncodeError
from pydantic import BaseModel

from tests.examples import import_example, read_log

APP = "celery_testing/send_notification_with_status"
TASKS_MODULE = "docs_src.celery_testing.notification_tasks"


class Signup(BaseModel, frozen=True):
    email: str


# --8<-- [start:store_eager_result]
def test_task_store_eager_result_writes_the_state_to_redis(celery_env, run_example, redis_client):
    app = run_example(APP)
    tasks = sys.modules[TASKS_MODULE]
    tasks.celery_app.conf.task_always_eager = True
    tasks.celery_app.conf.task_store_eager_result = True

    with warnings.catch_warnings():
        # redis-py's notice about setex, which Celery's backend calls to store a result.
        warnings.filterwarnings("ignore", "Call to deprecated setex", DeprecationWarning)
        task_id = app.client.post("/send-notification/ada@example.com").json()["task_id"]
        receipt = tasks.send_notification_with_receipt.delay("ada@example.com")

    status = app.client.get(f"/tasks/{task_id}").json()
    assert status["state"] == "SUCCESS"
    assert redis_client.exists(f"celery-task-meta-{task_id}")
    # Storing the result means encoding it: the model now fails, as on a worker.
    assert receipt.state == "FAILURE"
    assert isinstance(receipt.result, EncodeError)
    # --8<-- [end:store_eager_result]


# --8<-- [start:apply]
def test_apply_and_a_plain_call_skip_the_encoding_that_delay_does(
    celery_env, monkeypatch, tmp_path
):
    monkeypatch.chdir(tmp_path)
    tasks = import_example("celery_testing/notification_tasks")
    tasks.celery_app.conf.task_always_eager = True
    signup = Signup(email="ada@example.com")

    with pytest.raises(EncodeError, match="is not JSON serializable"):
        tasks.send_notification.delay(signup)
    # Neither of these encodes its arguments: the model reaches the function.
    assert tasks.send_notification.apply((signup,)).state == "SUCCESS"
    tasks.send_notification(signup)
    assert read_log(tmp_path).splitlines() == [
        "notification for email='ada@example.com': welcome aboard",
        "notification for email='ada@example.com': welcome aboard",
    ]
    # --8<-- [end:apply]


# --8<-- [start:retry_policy]
def test_with_redis_down_delay_retries_the_result_backend_twenty_times_by_default(celery_env):
    tasks = import_example("celery_testing/notification_tasks")
    default = Celery("defaults", backend=tasks.REDIS_URL)

    # Twenty retries, one second apart at most: about 20 s before .delay() raises.
    assert default.backend.retry_policy == {
        "max_retries": 20,
        "interval_start": 0,
        "interval_step": 1,
        "interval_max": 1,
    }
    assert tasks.celery_app.backend.retry_policy["max_retries"] == 1
    # --8<-- [end:retry_policy]


def test_a_bad_address_is_rejected_and_nothing_is_queued(celery_env, run_example, redis_client):
    app = run_example(APP)

    response = app.client.post("/send-notification/ada%0Aforged@example.com")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "email"]
    assert redis_client.llen("celery") == 0
    assert app.log() == ""
