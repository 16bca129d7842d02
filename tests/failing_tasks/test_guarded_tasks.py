import time

import httpx2
import pytest

from tests.examples import DOCS_SRC, run_transcript
from tests.failing_tasks.server_output import uvicorn_server

EXAMPLE = "failing_tasks/guarded_tasks"
LOGGER = "docs_src.failing_tasks.guarded_tasks"
# Short waits for the tests: 0.05 s, then 0.1 s.
TEST_DELAY = 0.05
BUSY = "MailServerBusy: try again later"


@pytest.fixture
def example(run_example, monkeypatch):
    """The app, its module (imported afresh with it) and a record of each send attempt."""
    app = run_example(EXAMPLE)
    from docs_src.failing_tasks import guarded_tasks

    monkeypatch.setattr(guarded_tasks, "RETRY_DELAY_SECONDS", TEST_DELAY)
    attempts: list[float] = []
    send = guarded_tasks.mail_server.send

    def timed_send(text: str) -> None:
        attempts.append(time.monotonic())
        send(text)

    monkeypatch.setattr(guarded_tasks.mail_server, "send", timed_send)
    return app, guarded_tasks, attempts


# --8<-- [start:retry]
def test_a_transient_error_is_retried_with_growing_delays(example):
    app, module, attempts = example  # the mail server refuses the first two sends

    response = app.client.post("/orders/42")

    assert response.status_code == 200
    assert app.log_lines() == [
        "order 42: invoice saved",
        "failed: update_stats(), not retried: KeyError: 'placed'",
        f"retry: send_receipt(42) in 0.05 s, attempt 1 of 3 failed: {BUSY}",
        f"retry: send_receipt(42) in 0.1 s, attempt 2 of 3 failed: {BUSY}",
        "order 42: receipt emailed",
    ]
    # Three attempts, and each wait at least as long as announced: it grew.
    first, second, third = attempts
    assert second - first >= TEST_DELAY
    assert third - second >= 2 * TEST_DELAY
    # --8<-- [end:retry]


def test_each_failure_is_logged_by_the_app_logger(example, caplog):
    app, module, attempts = example

    app.client.post("/orders/42")

    records = [r for r in caplog.records if r.name == LOGGER]
    assert [(r.levelname, r.getMessage()) for r in records] == [
        ("ERROR", "failed: update_stats(), not retried: KeyError: 'placed'"),
        ("WARNING", f"retry: send_receipt(42) in 0.05 s, attempt 1 of 3 failed: {BUSY}"),
        ("WARNING", f"retry: send_receipt(42) in 0.1 s, attempt 2 of 3 failed: {BUSY}"),
    ]
    # logger.exception attaches the error, so a handler can print its traceback.
    assert isinstance(records[0].exc_info[1], KeyError)
    assert records[1].exc_info is None


def test_retries_stop_after_the_last_attempt(example, caplog):
    app, module, attempts = example
    module.mail_server.busy_for = 10

    response = app.client.post("/orders/42")

    assert response.status_code == 200
    assert len(attempts) == module.MAX_ATTEMPTS == 3
    assert app.log_lines()[-1] == f"failed: send_receipt(42) after 3 attempts: {BUSY}"
    assert "order 42: receipt emailed" not in app.log_lines()
    # The class the app raises was imported afresh with it: take that one.
    from docs_src.failing_tasks.mail_server import MailServerBusy

    last = [r for r in caplog.records if r.name == LOGGER][-1]
    assert last.levelname == "ERROR"
    assert isinstance(last.exc_info[1], MailServerBusy)


def test_a_failing_task_no_longer_reaches_the_test_client(example):
    app, module, attempts = example

    # The default client, which re-raises a task's error: nothing escapes now.
    response = app.client.post("/orders/42")

    assert response.json() == {"order_id": 42, "status": "placed"}


# --8<-- [start:uvicorn]
def test_under_uvicorn_the_app_logs_the_traceback_and_uvicorn_sees_no_error(tmp_path):
    with uvicorn_server(EXAMPLE, tmp_path) as server:
        response = httpx2.post(f"{server.base_url}/orders/42", timeout=10)
        stderr = server.wait_for_stderr("attempt 2 of 3 failed")

    assert response.status_code == 200
    assert (
        f"ERROR:{LOGGER}: failed: update_stats(), not retried: KeyError: 'placed'\n"
        "Traceback (most recent call last):\n"
    ) in stderr
    assert f"WARNING:{LOGGER}: retry: send_receipt(42) in 0.2 s, attempt 1 of 3" in stderr
    assert "Exception in ASGI application" not in stderr
    # --8<-- [end:uvicorn]


def test_the_commands_on_the_page_print_what_the_page_shows(tmp_path):
    run_transcript(DOCS_SRC / "failing_tasks" / "guarded_tasks.console", tmp_path)
