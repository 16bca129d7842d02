from kombu.exceptions import EncodeError

from tests.examples import import_example, read_log, wait_for

EXAMPLE = "celery_operating/async_tasks"
MODULE = "docs_src.celery_operating.async_tasks"
LINE = "notification for ada@example.com: welcome aboard"


# --8<-- [start:test]
def test_async_def_tasks_never_run_and_asyncio_run_in_a_def_task_does(
    celery_env, start_worker, tmp_path
):
    tasks = import_example(EXAMPLE)
    worker = start_worker(MODULE)

    job = tasks.send_notification_async.delay("ada@example.com")
    quiet = tasks.send_notification_async_without_result.delay("ada@example.com")
    right = tasks.send_notification.delay("ada@example.com")

    # The function returned a coroutine, which JSON cannot encode as a result.
    wait_for(lambda: job.state == "FAILURE", timeout=10, what="the job to fail")
    assert isinstance(job.result, EncodeError)
    assert "Object of type coroutine is not JSON serializable" in str(job.result)
    # With no result to store, the worker logs a success, and a warning.
    name = f"{MODULE}.send_notification_async_without_result"
    wait_for(lambda: f"{name}[{quiet.id}] succeeded in" in worker.printed(), 10, "its log line")
    assert ": <coroutine object send_notification_async_without_result at " in worker.printed()
    never_awaited = "coroutine 'send_notification_async_without_result' was never awaited"
    wait_for(lambda: f"RuntimeWarning: {never_awaited}" in worker.printed(), 10, "the warning")
    assert quiet.state == "PENDING"
    # Only the def task ran its coroutine: its line is the only one in the log.
    assert right.get(timeout=10) == LINE
    assert read_log(tmp_path) == LINE + "\n"
    # --8<-- [end:test]
