import signal
import time

import httpx2
import pytest

from tests.examples import STOP_TIMEOUT, read_log, start_example

EXAMPLE = "shutdown/close_client_in_lifespan"
WAITING_FOR_TASKS = "INFO:     Waiting for background tasks to complete. (CTRL+C to force quit)"


def request_notification(url: str) -> None:
    response = httpx2.post(f"{url}/send-notification/ada@example.com", timeout=10)
    assert response.json() == {"message": "Notification will be sent"}


# --8<-- [start:test]
def test_the_lifespan_closes_the_client_once_the_task_has_finished(tmp_path):
    with start_example(EXAMPLE, tmp_path, env={"TASK_SECONDS": "1"}) as server:
        request_notification(server.url)
        printed = server.stop_with(signal.SIGTERM)

    assert WAITING_FOR_TASKS in printed
    assert read_log(tmp_path).splitlines() == [
        "mail client: opened",
        "mail client: sent notification to ada@example.com",
        "mail client: closed",
    ]
    # --8<-- [end:test]


def test_while_uvicorn_waits_it_refuses_connections_and_a_second_ctrl_c_cuts_it_short(tmp_path):
    with start_example(EXAMPLE, tmp_path, env={"TASK_SECONDS": "5"}) as server:
        request_notification(server.url)
        server.process.send_signal(signal.SIGINT)
        server.expect([WAITING_FOR_TASKS], timeout=STOP_TIMEOUT)
        # While it waits, the server takes no new connection.
        with pytest.raises(httpx2.ConnectError):
            httpx2.get(f"{server.url}/docs", timeout=5)
        pressed_again = time.monotonic()
        printed = server.stop_with(signal.SIGINT)
        stopped_after = time.monotonic() - pressed_again

    assert f"INFO:     Finished server process [{server.process.pid}]" in printed
    assert stopped_after < 2.5  # at once, not after the task's five seconds
    # No lifespan shutdown, and the task was cancelled before it could send.
    assert "INFO:     Waiting for application shutdown." not in printed
    assert read_log(tmp_path).splitlines() == ["mail client: opened"]


def test_an_address_with_a_line_break_is_rejected_and_nothing_is_sent(run_example):
    app = run_example(EXAMPLE)

    response = app.client.post("/send-notification/ada%0Aforged@example.com")

    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "string_pattern_mismatch"
    assert app.log_lines() == ["mail client: opened"]
