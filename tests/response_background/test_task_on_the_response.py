import pytest
from anyio.from_thread import start_blocking_portal
from starlette.background import BackgroundTasks

from tests.examples import DOCS_SRC, run_transcript

EXAMPLE = "response_background/task_on_the_response"


# --8<-- [start:test]
def test_a_task_on_the_response_runs_after_it(run_example):
    app = run_example(EXAMPLE)

    response = app.client.post("/send-notification/ada@example.com")

    assert response.status_code == 200
    assert response.json() == {"message": "Notification sent in the background"}
    assert app.log_lines() == ["notification for ada@example.com: welcome aboard"]


def test_the_tasks_of_a_response_run_in_the_order_they_were_added(run_example):
    app = run_example(EXAMPLE)

    response = app.client.post("/orders/42")

    assert response.json() == {"order_id": 42, "status": "placed"}
    assert app.log_lines() == ["order 42: invoice saved", "order 42: receipt emailed"]
    # --8<-- [end:test]


def test_the_task_runs_after_the_response_is_sent(run_example):
    app = run_example(EXAMPLE)

    # stream() hands back the response as soon as its headers arrive.
    with app.client.stream("POST", "/send-notification/ada@example.com") as response:
        assert response.status_code == 200
        assert app.log() == ""
        response.read()

    assert app.log_lines() == ["notification for ada@example.com: welcome aboard"]


def test_a_failing_task_stops_the_rest_of_starlettes_background_tasks():
    ran: list[str] = []

    def update_stats() -> None:
        raise KeyError("placed")

    tasks = BackgroundTasks()
    tasks.add_task(update_stats)
    tasks.add_task(ran.append, "receipt emailed")

    # What a response does with its background once it has been sent, on an
    # event loop in another thread, as TestClient runs an app.
    with start_blocking_portal() as portal, pytest.raises(KeyError, match="placed"):
        portal.call(tasks)
    assert ran == []


def test_an_address_with_a_line_break_is_rejected_and_nothing_is_logged(run_example):
    app = run_example(EXAMPLE)

    response = app.client.post("/send-notification/ada%0Aforged@example.com")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "email"]
    assert app.log() == ""


def test_an_order_id_that_is_not_a_number_is_rejected_and_nothing_is_logged(run_example):
    app = run_example(EXAMPLE)

    response = app.client.post("/orders/42%0Aforged")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "order_id"]
    assert app.log() == ""


def test_the_commands_on_the_page_print_what_the_page_shows(tmp_path):
    run_transcript(DOCS_SRC / "response_background" / "task_on_the_response.console", tmp_path)
