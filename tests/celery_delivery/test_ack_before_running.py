import time

from tests.celery_delivery.jobs import (
    PATIENCE,
    QUICK_RERUN,
    TIME_TO_KILL,
    every_copy_ran,
    is_running,
    jobs_in_redis,
    runs,
    wait_for_run,
)
from tests.examples import import_example, read_log, wait_for

EXAMPLE = "celery_delivery/ack_before_running"
MODULE = "docs_src.celery_delivery.ack_before_running"
LINE = "notification n-1 for ada@example.com"
VISIBILITY_TIMEOUT = 1  # seconds, for the test; the example's default is an hour


# --8<-- [start:lost]
def test_a_job_acknowledged_before_it_runs_dies_with_its_worker(
    celery_env, redis_client, start_worker, tmp_path
):
    tasks = import_example(EXAMPLE)
    worker = start_worker(MODULE, pool="prefork", env=TIME_TO_KILL)
    job = tasks.send_notification.delay("n-1", "ada@example.com")

    pool_process = wait_for_run("n-1", worker)
    # The worker acknowledged the job as its pool process took it.
    nothing_left = {"waiting": 0, "unacknowledged": 0}
    wait_for(lambda: jobs_in_redis(redis_client) == nothing_left, PATIENCE, "the acknowledgement")

    worker.process.kill()  # kill -9 of the worker's main process
    worker.process.wait()

    # Its pool process dies with it, before it writes the line.
    wait_for(lambda: not is_running(pool_process), PATIENCE, "the pool process to die")
    assert read_log(tmp_path) == ""
    # Redis has no copy left to give to another worker: the job is lost.
    assert jobs_in_redis(redis_client) == nothing_left
    assert job.state == "PENDING"
    # --8<-- [end:lost]


def test_while_nothing_dies_the_job_writes_its_line(celery_env, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RENDER_SECONDS", "0")
    task = import_example(EXAMPLE).send_notification

    # In the test process, as a worker's pool process would run it.
    assert task.apply(("n-1", "ada@example.com")).get() == LINE
    assert read_log(tmp_path) == LINE + "\n"


# --8<-- [start:solo]
def test_the_solo_pool_acknowledges_only_once_the_task_has_returned(
    celery_env, redis_client, start_worker, tmp_path
):
    tasks = import_example(EXAMPLE)
    short_timeout = {"VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT)}
    worker = start_worker(MODULE, pool="solo", env={**short_timeout, **TIME_TO_KILL})
    job = tasks.send_notification.delay("n-1", "ada@example.com")

    # The job runs in the worker's own process.
    assert wait_for_run("n-1", worker) == worker.process.pid
    taken = time.monotonic()
    # task_acks_late=False, yet the running job is still unacknowledged.
    assert jobs_in_redis(redis_client) == {"waiting": 0, "unacknowledged": 1}

    worker.process.kill()
    worker.process.wait()

    # A worker that starts once the visibility timeout has passed runs it
    # again at once: it sweeps as it starts, before its first 10 s tick.
    wait_for(lambda: time.monotonic() - taken > VISIBILITY_TIMEOUT, 5, "the timeout")
    start_worker(MODULE, pool="solo", env={**short_timeout, **QUICK_RERUN})
    ready = time.monotonic()
    assert job.get(timeout=PATIENCE) == LINE
    assert time.monotonic() - ready < 10
    assert read_log(tmp_path) == LINE + "\n"
    nothing_left = {"waiting": 0, "unacknowledged": 0}
    wait_for(lambda: jobs_in_redis(redis_client) == nothing_left, PATIENCE, "the acknowledgement")
    # --8<-- [end:solo]


# --8<-- [start:countdown]
def test_a_countdown_longer_than_the_visibility_timeout_runs_the_job_again(
    celery_env, redis_client, start_worker, tmp_path
):
    tasks = import_example(EXAMPLE)
    # Sweeps come every second and return a job held over a second: one comes
    # within two seconds of the taking, before the job's time.
    settings = {"VISIBILITY_TIMEOUT": "1", "RESTORE_INTERVAL": "1", "RENDER_SECONDS": "0"}
    countdown = 3
    worker = start_worker(MODULE, pool="prefork", env=settings)

    sent = time.monotonic()
    tasks.send_notification.apply_async(("n-1", "ada@example.com"), countdown=countdown)

    # The worker takes the job at once, and holds it unacknowledged until its
    # time comes, even with task_acks_late=False.
    taken = {"waiting": 0, "unacknowledged": 1}
    wait_for(lambda: jobs_in_redis(redis_client) == taken, 2, "the worker to take the job")
    # Meanwhile the sweeps hand out copies, and each one runs.
    wait_for(lambda: read_log(tmp_path).count(LINE) >= 2, 10, "a second line")
    assert time.monotonic() - sent >= countdown
    assert len(runs("n-1", worker)) >= 2
    # --8<-- [end:countdown]
    # Stop the worker idle: a SIGTERM that came as a copy went to the pool
    # process once left its warm shutdown hanging (Celery 5.7.0, seen once).
    wait_for(lambda: every_copy_ran(worker, redis_client), PATIENCE, "the last copy to finish")
