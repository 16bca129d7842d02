import pytest
from fastapi.testclient import TestClient

EXAMPLE = "myths/failing_task_stops_the_rest"


# --8<-- [start:test]
def test_a_failing_task_cancels_the_tasks_added_after_it(run_example):
    app = run_example(EXAMPLE)
    # Like a real client, this one gets the response, not the task's error.
    client = TestClient(app.client.app, raise_server_exceptions=False)

    response = client.post("/orders/42")

    assert response.status_code == 200
    assert response.json() == {"order_id": 42, "status": "placed"}
    # send_receipt ran and failed; update_stats, added after it, never ran.
    assert app.log_lines() == ["order 42: sending the receipt"]
    # --8<-- [end:test]


def test_testclient_raises_the_tasks_error_in_the_test(run_example):
    app = run_example(EXAMPLE)

    with pytest.raises(ConnectionError, match="the mail server is unreachable"):
        app.client.post("/orders/42")


def test_an_order_id_that_is_not_a_number_is_rejected_and_nothing_is_logged(run_example):
    app = run_example(EXAMPLE)

    response = app.client.post("/orders/42%0Aforged")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "order_id"]
    assert app.log() == ""
