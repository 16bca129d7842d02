import httpx2
import pytest
from fastapi.testclient import TestClient

from tests.failing_tasks.server_output import uvicorn_server

EXAMPLE = "failing_tasks/handler_for_the_task_error"


# --8<-- [start:test]
def test_a_handler_for_the_error_class_is_not_called(run_example):
    app = run_example(EXAMPLE)

    with pytest.raises(RuntimeError, match="response already started") as raised:
        app.client.post("/orders/42")

    # Starlette found the handler, saw that the response had started, and
    # raised a RuntimeError from the task's error instead of calling it.
    assert isinstance(raised.value.__cause__, ConnectionError)
    assert str(raised.value.__cause__) == "mail server unreachable"
    assert app.log_lines() == ["order 42: connecting to the mail server"]
    # --8<-- [end:test]


def test_the_client_still_gets_its_200(run_example):
    app = run_example(EXAMPLE)
    lenient_client = TestClient(app.client.app, raise_server_exceptions=False)

    response = lenient_client.post("/orders/42")

    assert response.status_code == 200
    assert response.json() == {"order_id": 42, "status": "placed"}
    assert app.log_lines() == ["order 42: connecting to the mail server"]


def test_under_uvicorn_the_traceback_ends_in_the_runtime_error(tmp_path):
    with uvicorn_server(EXAMPLE, tmp_path) as server:
        response = httpx2.post(f"{server.base_url}/orders/42", timeout=10)
        stderr = server.wait_for_stderr(
            "RuntimeError: Caught handled exception, but response already started.\n"
        )

    assert response.status_code == 200
    assert (
        "ConnectionError: mail server unreachable\n\n"
        "The above exception was the direct cause of the following exception:\n"
    ) in stderr
    assert stderr.rstrip().endswith(
        "RuntimeError: Caught handled exception, but response already started."
    )
