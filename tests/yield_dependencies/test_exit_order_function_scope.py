import pytest
from fastapi.testclient import TestClient

from tests.examples import DOCS_SRC, run_transcript

EXAMPLE = "yield_dependencies/exit_order_function_scope"


# --8<-- [start:test]
def test_the_session_closes_before_the_task(run_example):
    app = run_example(EXAMPLE)

    # The task's error would make client.post raise; see what the caller gets instead.
    lenient_client = TestClient(app.client.app, raise_server_exceptions=False)
    response = lenient_client.post("/orders")

    assert response.status_code == 200
    assert response.json() == {"message": "Order placed"}
    assert app.log_lines() == [
        "dependency: session opened",
        "endpoint: saved order",
        "dependency: session closed",
        "task: cannot save receipt, session is closed",
    ]
    # --8<-- [end:test]


def test_the_task_fails_with_the_closed_session_error(run_example):
    app = run_example(EXAMPLE)
    # The class the app raises was imported afresh with it: take that one.
    from docs_src.yield_dependencies.fake_session import SessionClosedError

    with pytest.raises(SessionClosedError, match="cannot save receipt: the session is closed"):
        app.client.post("/orders")


def test_the_session_is_closed_before_the_response_is_sent(run_example):
    app = run_example(EXAMPLE)
    lenient_client = TestClient(app.client.app, raise_server_exceptions=False)

    # stream() hands back the response as soon as its headers arrive.
    with lenient_client.stream("POST", "/orders") as response:
        assert response.status_code == 200
        assert app.log_lines() == [
            "dependency: session opened",
            "endpoint: saved order",
            "dependency: session closed",
        ]
        response.read()

    assert app.log_lines()[3:] == ["task: cannot save receipt, session is closed"]


def test_the_commands_for_this_app_print_what_the_page_shows(tmp_path):
    run_transcript(DOCS_SRC / "yield_dependencies" / "exit_order_function_scope.console", tmp_path)
