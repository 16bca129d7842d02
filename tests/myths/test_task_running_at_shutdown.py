import httpx2
from fastapi import BackgroundTasks, FastAPI

from docs_src.myths.task_running_at_shutdown import WORK_SECONDS
from tests.examples import read_log, start_example, wait_for

EXAMPLE = "myths/task_running_at_shutdown"


# --8<-- [start:no_method]
def test_there_is_no_method_that_waits_for_background_tasks():
    public = sorted(name for name in dir(BackgroundTasks) if not name.startswith("_"))
    assert public == ["add_task"]
    # A list of the tasks to call, with no handle on those already running.
    assert vars(BackgroundTasks()) == {"tasks": []}
    assert [name for name in dir(FastAPI) if "task" in name or "wait" in name] == []
    # --8<-- [end:no_method]


# --8<-- [start:shutdown]
def test_uvicorn_finishes_a_running_task_before_the_lifespan_shutdown(tmp_path):
    with start_example(EXAMPLE, tmp_path) as server:
        response = httpx2.post(f"{server.url}/reports", timeout=10)
        assert response.json() == {"status": "building"}
        wait_for(lambda: read_log(tmp_path), timeout=10, what="the task to start")

        server.process.terminate()  # SIGTERM, as a deploy sends it
        server.process.wait(timeout=WORK_SECONDS + 10)

        server.expect(
            [
                "INFO:     Shutting down",
                "INFO:     Waiting for background tasks to complete. (CTRL+C to force quit)",
                "INFO:     Waiting for application shutdown.",
                "INFO:     Application shutdown complete.",
                "INFO:     Finished server process [...]",
            ]
        )
    assert read_log(tmp_path).splitlines() == [
        "task: started",
        "task: finished",
        "lifespan: shutdown",
    ]
    # --8<-- [end:shutdown]
