import httpx2
import pytest
from fastapi.testclient import TestClient

from tests.examples import DOCS_SRC, run_transcript
from tests.failing_tasks.server_output import uvicorn_server

EXAMPLE = "failing_tasks/one_task_fails"


def test_the_client_has_its_200_before_the_task_fails(run_example):
    app = run_example(EXAMPLE)
    lenient_client = TestClient(app.client.app, raise_server_exceptions=False)

    # stream() hands back the response as soon as its headers arrive.
    with lenient_client.stream("POST", "/orders/42") as response:
        assert response.status_code == 200
        assert app.log() == ""  # no task has run yet, let alone failed
        response.read()

    assert response.json() == {"order_id": 42, "status": "placed"}
    assert app.log_lines() == ["order 42: invoice saved"]


# --8<-- [start:test_client]
def test_the_default_test_client_raises_the_task_error(run_example):
    app = run_example(EXAMPLE)

    # The response was complete before update_stats ran; TestClient re-raises anyway.
    with pytest.raises(KeyError, match="placed"):
        app.client.post("/orders/42")


def test_a_lenient_test_client_gets_200_and_sees_nothing(run_example):
    app = run_example(EXAMPLE)
    lenient_client = TestClient(app.client.app, raise_server_exceptions=False)

    response = lenient_client.post("/orders/42")

    assert response.status_code == 200
    assert response.json() == {"order_id": 42, "status": "placed"}
    # --8<-- [end:test_client]


# --8<-- [start:stops]
def test_a_failing_task_stops_the_tasks_after_it(run_example):
    app = run_example(EXAMPLE)
    lenient_client = TestClient(app.client.app, raise_server_exceptions=False)

    lenient_client.post("/orders/42")
    lenient_client.post("/orders/43")

    # update_stats failed each time: no receipt for either order. Each request
    # starts a new list, so order 43 still got its invoice.
    assert app.log_lines() == ["order 42: invoice saved", "order 43: invoice saved"]
    # --8<-- [end:stops]


# --8<-- [start:uvicorn]
ACCESS_LINE = '"POST /orders/42 HTTP/1.1" 200 OK'
UVICORN_ERROR = "ERROR:    Exception in ASGI application"


def test_under_uvicorn_the_traceback_is_only_on_stderr(tmp_path):
    with uvicorn_server(EXAMPLE, tmp_path) as server:
        response = httpx2.post(f"{server.base_url}/orders/42", timeout=10)
        stderr = server.wait_for_stderr("KeyError: 'placed'\n")
        stdout = server.stdout()

    assert response.status_code == 200
    assert response.json() == {"order_id": 42, "status": "placed"}
    assert f"{UVICORN_ERROR}\nTraceback (most recent call last):" in stderr
    assert 'order_stats["placed"] += 1' in stderr
    # It names the task's code, but not the request it belonged to.
    assert "/orders/42" not in stderr
    # stdout has the access log line, and no trace of the failure.
    assert ACCESS_LINE in stdout
    assert "Traceback" not in stdout and "KeyError" not in stdout
    # --8<-- [end:uvicorn]


def test_under_uvicorn_the_traceback_follows_the_access_log_line(tmp_path):
    # One file for both streams, as a terminal shows them.
    with uvicorn_server(EXAMPLE, tmp_path, merged=True) as server:
        httpx2.post(f"{server.base_url}/orders/42", timeout=10)
        lines = server.wait_for_stderr("KeyError: 'placed'\n").splitlines()

    [access] = [i for i, line in enumerate(lines) if line.endswith(ACCESS_LINE)]
    [error] = [i for i, line in enumerate(lines) if line == UVICORN_ERROR]
    assert access < error
    assert lines[error + 1] == "Traceback (most recent call last):"
    assert lines[-1] == "KeyError: 'placed'"


def test_the_commands_on_the_page_print_what_the_page_shows(tmp_path):
    run_transcript(DOCS_SRC / "failing_tasks" / "one_task_fails.console", tmp_path)
