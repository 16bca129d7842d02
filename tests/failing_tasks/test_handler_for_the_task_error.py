import pytest
from fastapi.testclient import TestClient

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
