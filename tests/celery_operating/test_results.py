import sys

import pytest
from celery import Celery

from tests.examples import import_example, read_log, wait_for

EXAMPLE = "celery_operating/notification_tasks"
MODULE = "docs_src.celery_operating.notification_tasks"
STATUS_APP = "celery_operating/job_status_with_issued_ids"
SHORT_EXPIRY = {"RESULT_EXPIRES": "2"}  # seconds
LINE = "notification for ada@example.com: welcome aboard"


def state_now(tasks, task_id: str) -> str:
    # A new AsyncResult each time: one that has seen a final state keeps it.
    return tasks.celery_app.AsyncResult(task_id).state


# --8<-- [start:expires]
def test_a_finished_jobs_state_expires_and_an_ignored_one_is_never_kept(
    celery_env, monkeypatch, start_worker, run_example, redis_client, tmp_path
):
    for name, value in SHORT_EXPIRY.items():
        monkeypatch.setenv(name, value)
    app = run_example(STATUS_APP)
    tasks = sys.modules[MODULE]
    start_worker(MODULE, env=SHORT_EXPIRY)

    task_id = app.client.post("/send-notification/ada@example.com").json()["task_id"]

    kept = tasks.celery_app.AsyncResult(task_id)
    assert kept.get(timeout=10) == LINE
    status = app.client.get(f"/tasks/{task_id}")
    assert status.json() == {"task_id": task_id, "state": "SUCCESS", "result": LINE}
    # The Redis backend keeps the state in a key that Redis deletes at its TTL;
    # the app's mark, written before the job was sent, goes no later.
    both = redis_client.pipeline(transaction=True)  # read at the same instant
    both.pttl(f"celery-task-meta-{task_id}").pttl(f"issued-task:{task_id}")
    result_ttl, mark_ttl = both.execute()
    assert 0 < mark_ttl <= result_ttl <= 2000
    wait_for(lambda: state_now(tasks, task_id) == "PENDING", timeout=5, what="the state to go")
    assert not redis_client.exists(f"celery-task-meta-{task_id}")
    # The status endpoint forgot the id at the same time.
    assert app.client.get(f"/tasks/{task_id}").status_code == 404
    # An AsyncResult that has seen a final state keeps it, and does not ask again.
    assert kept.state == "SUCCESS"
    # The work itself was done; only its record is gone.
    assert read_log(tmp_path) == LINE + "\n"
    # --8<-- [end:expires]

    # --8<-- [start:ignore_result]
    quiet = tasks.send_notification_without_result.delay("grace@example.com")
    wait_for(lambda: "grace@example.com" in read_log(tmp_path), 10, "the job to run")
    assert state_now(tasks, quiet.id) == "PENDING"
    assert not redis_client.exists(f"celery-task-meta-{quiet.id}")
    # --8<-- [end:ignore_result]


# --8<-- [start:status]
def test_the_status_endpoint_tells_an_id_it_never_issued_from_a_pending_job(
    celery_env, run_example, redis_client
):
    app = run_example(STATUS_APP)
    tasks = sys.modules[MODULE]

    never_issued = app.client.get("/tasks/no-such-task")
    task_id = app.client.post("/send-notification/ada@example.com").json()["task_id"]
    waiting = app.client.get(f"/tasks/{task_id}")

    assert never_issued.status_code == 404
    assert never_issued.json() == {"detail": "No such task, or it has expired"}
    # No worker yet: the job waits in the queue, and the endpoint says so.
    assert waiting.status_code == 200
    assert waiting.json() == {"task_id": task_id, "state": "PENDING", "result": None}
    # The mark lives as long as the job's result will.
    assert 0 < redis_client.ttl(f"issued-task:{task_id}") <= tasks.RESULT_EXPIRES
    # --8<-- [end:status]


def test_a_bad_address_is_rejected_and_nothing_is_queued(celery_env, run_example, redis_client):
    app = run_example(STATUS_APP)

    response = app.client.post("/send-notification/ada%0Aforged@example.com")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "email"]
    assert redis_client.llen("celery") == 0
    assert redis_client.keys("issued-task:*") == []


# --8<-- [start:whole_seconds]
# redis-py's notice about setex, which Celery's Redis backend calls to set the TTL.
@pytest.mark.filterwarnings("ignore:Call to deprecated setex:DeprecationWarning")
def test_the_redis_backend_keeps_results_for_whole_seconds_only(celery_env, redis_client):
    url = import_example(EXAMPLE).REDIS_URL
    kept_for = {}
    for expires in (1.9, 0.5):
        app = Celery("expiry", backend=url)
        app.conf.result_expires = expires

        app.backend.store_result(f"job-{expires}", "done", "SUCCESS")

        kept_for[expires] = redis_client.pttl(f"celery-task-meta-job-{expires}")  # ms
    assert 0 < kept_for[1.9] <= 1000  # 1 s, not 1.9
    assert kept_for[0.5] == -1  # no time to live: the key never expires
    # --8<-- [end:whole_seconds]
