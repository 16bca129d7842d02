import time

from docs_src.myths.async_tasks_one_after_another import WAIT_SECONDS

EXAMPLE = "myths/async_tasks_one_after_another"


# --8<-- [start:test]
def test_the_async_tasks_of_a_request_run_one_after_another(run_example):
    app = run_example(EXAMPLE)

    started = time.monotonic()
    response = app.client.post("/one-after-another")
    elapsed = time.monotonic() - started

    assert response.json() == {"status": "fetching"}
    # The second task starts only when the first has finished.
    assert app.log_lines() == [
        "prices: started",
        "prices: finished",
        "stock: started",
        "stock: finished",
    ]
    assert elapsed >= 2 * WAIT_SECONDS
    # --8<-- [end:test]


# --8<-- [start:gather]
def test_one_task_that_gathers_runs_both_calls_side_by_side(run_example):
    app = run_example(EXAMPLE)

    response = app.client.post("/side-by-side")

    assert response.json() == {"status": "fetching"}
    lines = app.log_lines()
    # Both calls started before either finished.
    assert sorted(lines[:2]) == ["prices: started", "stock: started"]
    assert sorted(lines[2:]) == ["prices: finished", "stock: finished"]
    # --8<-- [end:gather]
