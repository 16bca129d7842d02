import os
import signal
import time

import pytest
from billiard.exceptions import WorkerLostError
from kombu import Connection
from kombu.transport.redis import Channel

from tests.celery_delivery.jobs import (
    PATIENCE,
    QUEUE,
    QUICK_RERUN,
    TIME_TO_KILL,
    jobs_in_redis,
    runs,
    wait_for_run,
)
from tests.examples import import_example, read_log, redis_url, wait_for

EXAMPLE = "celery_delivery/ack_after_running"
MODULE = "docs_src.celery_delivery.ack_after_running"
VISIBILITY_TIMEOUT = 1  # seconds, for the test; the example's default is an hour
RESTORE_INTERVAL = 1  # seconds; the example's default is 10


def line(notification_id: str) -> str:
    return f"notification {notification_id} for ada@example.com"


def kill(pid: int) -> None:
    os.kill(pid, signal.SIGKILL)


# --8<-- [start:worker_dies]
def test_a_job_acknowledged_after_it_runs_comes_back_after_the_visibility_timeout(
    celery_env, redis_client, start_worker, tmp_path
):
    tasks = import_example(EXAMPLE)
    short_timeout = {
        "VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
        "RESTORE_INTERVAL": str(RESTORE_INTERVAL),
    }
    worker = start_worker(MODULE, pool="prefork", env={**short_timeout, **TIME_TO_KILL})
    job = tasks.send_notification.delay("n-1", "ada@example.com")

    first = wait_for_run("n-1", worker)
    taken = time.monotonic()
    worker.process.kill()  # kill -9 of the worker's main process
    worker.process.wait()

    # Redis still holds the job, as unacknowledged.
    assert jobs_in_redis(redis_client) == {"waiting": 0, "unacknowledged": 1}
    another = start_worker(MODULE, pool="prefork", env={**short_timeout, **QUICK_RERUN})
    second = wait_for_run("n-1", another)
    # Not before the visibility timeout has passed.
    assert time.monotonic() - taken >= VISIBILITY_TIMEOUT
    assert second != first
    assert job.get(timeout=PATIENCE) == line("n-1")
    assert read_log(tmp_path) == line("n-1") + "\n"
    # --8<-- [end:worker_dies]


# --8<-- [start:pool_process_dies]
def test_when_only_the_pool_process_dies_each_setting_decides(
    celery_env, redis_client, start_worker, tmp_path
):
    tasks = import_example(EXAMPLE)
    worker = start_worker(MODULE, pool="prefork")
    nothing_left = {"waiting": 0, "unacknowledged": 0}

    # acks_late alone: the job fails with WorkerLostError, and is acknowledged.
    job = tasks.send_notification.delay("n-1", "ada@example.com")
    kill(wait_for_run("n-1", worker))  # kill -9 of the pool process only
    with pytest.raises(WorkerLostError, match="signal 9"):
        job.get(timeout=PATIENCE)
    wait_for(lambda: jobs_in_redis(redis_client) == nothing_left, PATIENCE, "the acknowledgement")

    # reject_on_worker_lost: back in the queue at once, and run again.
    job = tasks.send_notification_requeued_if_lost.delay("n-2", "ada@example.com")
    kill(wait_for_run("n-2", worker))
    assert job.get(timeout=PATIENCE) == line("n-2")
    assert len(runs("n-2", worker)) == 2

    # retry_on_worker_lost: RETRY, then run again default_retry_delay later.
    job = tasks.send_notification_retried_if_lost.delay("n-3", "ada@example.com")
    kill(wait_for_run("n-3", worker))
    wait_for(lambda: job.state == "RETRY", PATIENCE, "RETRY")
    assert job.get(timeout=PATIENCE) == line("n-3")
    assert len(runs("n-3", worker)) == 2

    assert read_log(tmp_path).splitlines() == [line("n-2"), line("n-3")]
    wait_for(lambda: jobs_in_redis(redis_client) == nothing_left, PATIENCE, "the acknowledgements")
    # --8<-- [end:pool_process_dies]


def test_while_nothing_dies_the_three_tasks_do_the_same(celery_env, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RENDER_SECONDS", "0")
    tasks = import_example(EXAMPLE)

    # Run in the test process: the options only matter when a pool process dies.
    for number, task in enumerate(
        [
            tasks.send_notification,
            tasks.send_notification_requeued_if_lost,
            tasks.send_notification_retried_if_lost,
        ],
        start=1,
    ):
        assert task.apply((f"n-{number}", "ada@example.com")).get() == line(f"n-{number}")
    assert read_log(tmp_path).splitlines() == [line("n-1"), line("n-2"), line("n-3")]


# --8<-- [start:long_task]
def test_a_task_longer_than_the_visibility_timeout_runs_twice_at_once(
    celery_env, start_worker, tmp_path
):
    tasks = import_example(EXAMPLE)
    worker = start_worker(
        MODULE,
        pool="prefork",
        options=["--concurrency=2"],
        env={"VISIBILITY_TIMEOUT": "1", "RESTORE_INTERVAL": "1", "RENDER_SECONDS": "3"},
    )
    tasks.send_notification.delay("n-1", "ada@example.com")

    first = wait_for_run("n-1", worker)
    second = wait_for_run("n-1", worker, count=2)
    # The second run started in the other pool process while the first still ran.
    assert second != first
    assert read_log(tmp_path) == ""
    wait_for(lambda: read_log(tmp_path).count(line("n-1")) == 2, 10, "the second line")
    # --8<-- [end:long_task]


# --8<-- [start:throttle]
def test_by_default_only_every_tenth_sweep_looks_into_redis(redis_port, redis_client):
    assert (Channel.visibility_timeout, Channel.unacked_restore_interval) == (3600, 10)
    # A job taken and never acknowledged, as by a worker that died.
    options = {"visibility_timeout": 0}
    with Connection(redis_url(redis_port), transport_options=options) as dead_worker:
        jobs = dead_worker.SimpleQueue(QUEUE)
        jobs.put({"notification_id": "n-1"})
        jobs.get(timeout=1)
        # Another worker's sweeps: it calls this every unacked_restore_interval seconds.
        with Connection(redis_url(redis_port), transport_options=options) as worker:
            channel = worker.default_channel
            assert channel.unacked_restore_throttle == 10
            restored_at = []
            for sweep in range(1, 22):
                channel.qos.restore_visible(
                    num=channel.unacked_restore_limit, interval=channel.unacked_restore_throttle
                )
                if redis_client.llen(QUEUE):
                    restored_at.append(sweep)
                    jobs.get(timeout=1)  # taken again, and never acknowledged
    # The first sweep (a worker makes it as it starts), then every tenth.
    assert restored_at == [1, 11, 21]
    # --8<-- [end:throttle]


def test_the_worker_lost_options_have_app_wide_settings(celery_env):
    tasks = import_example(EXAMPLE)
    app = tasks.celery_app
    # Off unless a task or the app turns them on.
    assert app.conf.task_reject_on_worker_lost is None
    assert app.conf.task_retry_on_worker_lost is False

    app.conf.task_reject_on_worker_lost = True
    app.conf.task_retry_on_worker_lost = True

    @app.task
    def another_task():
        pass  # never runs in this test: only its settings are read

    assert another_task.reject_on_worker_lost is True
    assert another_task.retry_on_worker_lost is True
    assert tasks.send_notification.default_retry_delay == 180
    assert app.conf.worker_pool == "prefork"  # the pool a worker runs unless told
