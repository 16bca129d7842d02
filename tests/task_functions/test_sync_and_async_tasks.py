from tests.examples import DOCS_SRC, run_transcript

EXAMPLE = "task_functions/sync_and_async_tasks"


# --8<-- [start:test]
def test_tasks_run_one_after_another_in_the_order_they_were_added(run_example):
    app = run_example(EXAMPLE)

    response = app.client.post("/orders/42")

    assert response.status_code == 200
    assert response.json() == {"order_id": 42, "status": "placed"}
    # save_invoice is the slowest task; had the three run side by side, the
    # two quick ones would have written their lines first.
    assert app.log_lines() == [
        "order 42: invoice saved (def)",
        "order 42: receipt emailed (async def)",
        "order 42: stats updated (def)",
    ]
    # --8<-- [end:test]


def test_an_order_id_that_is_not_a_number_is_rejected_and_nothing_is_logged(run_example):
    app = run_example(EXAMPLE)

    response = app.client.post("/orders/42%0Aforged")

    assert response.status_code == 422
    error = response.json()["detail"][0]
    assert error["loc"] == ["path", "order_id"]
    assert error["type"] == "int_parsing"
    assert app.log() == ""


def test_the_commands_on_the_page_print_what_the_page_shows(tmp_path):
    run_transcript(DOCS_SRC / "task_functions" / "sync_and_async_tasks.console", tmp_path)
