import httpx2
import pytest
from fastapi.testclient import TestClient

from tests.failing_tasks.server_output import uvicorn_server

EXAMPLE = "failing_tasks/exception_handler_and_middleware"
# --8<-- [start:test_client]
# What the app logs for one order: the middleware is done before the task
# fails, and the exception handler is called after it failed.
LOG = [
    "middleware: call_next returned 200",
    "exception handler: KeyError: 'placed'",
]


def test_the_handler_is_called_but_the_error_still_reaches_the_test(run_example):
    app = run_example(EXAMPLE)

    with pytest.raises(KeyError, match="placed"):
        app.client.post("/orders/42")

    # No "middleware: caught" line, and no receipt: the next task never ran.
    assert app.log_lines() == LOG


def test_the_handler_cannot_change_the_response(run_example):
    app = run_example(EXAMPLE)
    lenient_client = TestClient(app.client.app, raise_server_exceptions=False)

    response = lenient_client.post("/orders/42")

    # Not the handler's 500: the 200 had been sent before the task ran.
    assert response.status_code == 200
    assert response.json() == {"order_id": 42, "status": "placed"}
    assert app.log_lines() == LOG
    # --8<-- [end:test_client]


def test_under_uvicorn_the_handler_is_called_and_uvicorn_still_logs_the_error(tmp_path):
    with uvicorn_server(EXAMPLE, tmp_path) as server:
        response = httpx2.post(f"{server.base_url}/orders/42", timeout=10)
        stderr = server.wait_for_stderr("KeyError: 'placed'\n")

    assert response.status_code == 200
    assert response.json() == {"order_id": 42, "status": "placed"}
    assert (tmp_path / "log.txt").read_text(encoding="utf-8").splitlines() == LOG
    assert "ERROR:    Exception in ASGI application" in stderr
