import pytest
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded

from tests.examples import import_example, read_log, wait_for

EXAMPLE = "celery_operating/time_limited_tasks"
MODULE = "docs_src.celery_operating.time_limited_tasks"
HANGS = 60  # seconds: far longer than any limit, as a call that never returns


def finished(job) -> bool:
    return job.state in {"SUCCESS", "FAILURE"}


# --8<-- [start:prefork]
def test_the_prefork_pool_enforces_both_limits(celery_env, start_worker, tmp_path):
    tasks = import_example(EXAMPLE)
    # Two pool processes, so that the two jobs run side by side.
    worker = start_worker(MODULE, pool="prefork", options=["--concurrency=2"])

    soft = tasks.export_report.delay(1, HANGS)
    hard = tasks.export_report_with_hard_limit.delay(2, HANGS)
    wait_for(lambda: finished(soft) and finished(hard), timeout=10, what="both jobs to end")

    # The soft limit raised inside the task, which cleaned up and failed.
    assert soft.state == "FAILURE"
    assert isinstance(soft.result, SoftTimeLimitExceeded)
    # The hard limit killed the pool process in the middle of the task.
    assert hard.state == "FAILURE"
    assert isinstance(hard.result, TimeLimitExceeded)
    assert sorted(read_log(tmp_path).splitlines()) == [
        "report 1: export started",
        "report 1: stopped by the soft time limit, partial file removed",
        "report 2: export started",
    ]
    printed = worker.printed()
    assert (
        "ERROR/MainProcess] Hard time limit (0.25s) exceeded for "
        f"{MODULE}.export_report_with_hard_limit[{hard.id}]"
    ) in printed
    assert (
        "WARNING/MainProcess] Soft time limit (0.25s) exceeded for "
        f"{MODULE}.export_report[{soft.id}]"
    ) in printed
    # The worker process itself is still up.
    assert worker.process.poll() is None
    # Prefork is the pool a worker runs when no --pool is given.
    assert tasks.celery_app.conf.worker_pool == "prefork"
    # A broad "except Exception" in a task would catch the soft limit too.
    assert issubclass(SoftTimeLimitExceeded, Exception)
    # --8<-- [end:prefork]


# --8<-- [start:solo_threads]
@pytest.mark.parametrize("pool", ["solo", "threads"])
def test_the_solo_and_threads_pools_ignore_both_limits_without_a_word(
    pool, celery_env, start_worker, tmp_path
):
    tasks = import_example(EXAMPLE)
    worker = start_worker(MODULE, pool=pool)
    # Twice as long as the limits allow, so that a limit would show.
    seconds = 2 * max(tasks.SOFT_TIME_LIMIT, tasks.HARD_TIME_LIMIT)

    soft = tasks.export_report.delay(1, seconds)
    hard = tasks.export_report_with_hard_limit.delay(2, seconds)

    assert soft.get(timeout=10) == "report-1.csv"
    assert hard.get(timeout=10) == "report-2.csv"
    assert read_log(tmp_path).splitlines() == [
        "report 1: export started",
        "report 1: exported",
        "report 2: export started",
        "report 2: exported",
    ]
    # Not a warning, at start or when a limit passes.
    printed = worker.printed()
    assert "time limit" not in printed.lower()
    assert "WARNING/" not in printed
    # --8<-- [end:solo_threads]
