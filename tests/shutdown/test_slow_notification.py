import signal
import time

import httpx2
import uvicorn

from tests.examples import (
    DOCS_SRC,
    read_log,
    run_transcript,
    start_example,
    wait_for,
)

EXAMPLE = "shutdown/slow_notification"
# Long enough for the signal to arrive while the task runs, short enough for a quick test.
SHORT_TASK = {"TASK_SECONDS": "1"}
SHUTTING_DOWN = "INFO:     Shutting down"
WAITING_FOR_TASKS = "INFO:     Waiting for background tasks to complete. (CTRL+C to force quit)"


def request_notification(url: str) -> None:
    response = httpx2.post(f"{url}/send-notification/ada@example.com", timeout=10)
    assert response.json() == {"message": "Notification will be sent"}


def from_shutdown_on(printed: list[str]) -> list[str]:
    """uvicorn's lines from the moment it starts to shut down."""
    return printed[printed.index(SHUTTING_DOWN) :]


# --8<-- [start:graceful]
def test_sigterm_waits_for_the_running_task(tmp_path):
    with start_example(EXAMPLE, tmp_path, env=SHORT_TASK) as server:
        request_notification(server.url)
        # Right after the response, while the task sleeps its one second.
        printed = server.stop_with(signal.SIGTERM)

    assert from_shutdown_on(printed) == [
        SHUTTING_DOWN,
        WAITING_FOR_TASKS,
        "INFO:     Waiting for application shutdown.",
        "INFO:     Application shutdown complete.",
        f"INFO:     Finished server process [{server.process.pid}]",
    ]
    assert read_log(tmp_path).splitlines() == [
        "sending notification to ada@example.com",
        "notification sent to ada@example.com",
    ]
    # --8<-- [end:graceful]


# --8<-- [start:timeout]
def test_a_graceful_timeout_cancels_the_task_that_is_still_running(tmp_path):
    options = "--timeout-graceful-shutdown 1"
    with start_example(EXAMPLE, tmp_path, options, env={"TASK_SECONDS": "5"}) as server:
        request_notification(server.url)
        signalled = time.monotonic()
        printed = from_shutdown_on(server.stop_with(signal.SIGTERM))
        stopped_after = time.monotonic() - signalled

    assert printed[:4] == [
        SHUTTING_DOWN,
        WAITING_FOR_TASKS,
        "ERROR:    Cancel 1 running task(s), timeout graceful shutdown exceeded",
        "INFO:     Waiting for application shutdown.",
    ]
    assert "ERROR:    Exception in ASGI application" in printed
    assert (
        "asyncio.exceptions.CancelledError: Task cancelled, timeout graceful shutdown exceeded"
        in printed
    )
    assert printed[-2:] == [
        "INFO:     Application shutdown complete.",
        f"INFO:     Finished server process [{server.process.pid}]",
    ]
    # It waited its one second, not the five the task needed...
    assert 1 <= stopped_after < 4
    # ...and the task never wrote its second line.
    assert read_log(tmp_path).splitlines() == ["sending notification to ada@example.com"]
    # --8<-- [end:timeout]


# --8<-- [start:sigkill]
def test_sigkill_loses_the_running_task(tmp_path):
    with start_example(EXAMPLE, tmp_path, env=SHORT_TASK) as server:
        request_notification(server.url)
        wait_for(lambda: read_log(tmp_path), timeout=5, what="the task to start")
        printed = server.stop_with(signal.SIGKILL)

    assert server.process.returncode == -signal.SIGKILL
    assert SHUTTING_DOWN not in printed  # uvicorn had no chance to say anything
    assert read_log(tmp_path).splitlines() == ["sending notification to ada@example.com"]
    # --8<-- [end:sigkill]


def test_an_address_with_a_line_break_is_rejected_and_nothing_is_logged(run_example):
    app = run_example(EXAMPLE)

    response = app.client.post("/send-notification/ada%0Aforged@example.com")

    assert response.status_code == 422
    error = response.json()["detail"][0]
    assert error["loc"] == ["path", "email"]
    assert error["type"] == "string_pattern_mismatch"
    assert app.log() == ""


def test_ctrl_c_on_the_page_prints_what_the_page_shows(tmp_path):
    # The page says the test shortens the task to one second.
    run_transcript(DOCS_SRC / "shutdown" / "slow_notification.console", tmp_path, env=SHORT_TASK)


def test_ctrl_c_with_a_graceful_timeout_prints_what_the_page_shows(tmp_path):
    run_transcript(DOCS_SRC / "shutdown" / "slow_notification_timeout.console", tmp_path)


def test_uvicorn_sets_no_graceful_timeout_unless_told():
    # None: uvicorn waits for the running tasks however long they take.
    assert (
        uvicorn.Config(f"docs_src.{EXAMPLE.replace('/', '.')}:app").timeout_graceful_shutdown
        is None
    )
