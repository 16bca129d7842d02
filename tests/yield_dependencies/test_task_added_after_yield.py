from tests.examples import DOCS_SRC, run_transcript


# --8<-- [start:test]
def test_a_task_added_after_yield_is_dropped_with_the_default_scope(run_example):
    app = run_example("yield_dependencies/task_added_after_yield")

    response = app.client.post("/orders")

    assert response.status_code == 200
    assert response.json() == {"message": "Order placed"}
    # No error, no warning: the confirmation is simply never sent.
    assert app.log_lines() == [
        "dependency: session opened",
        "endpoint: saved order",
        "dependency: session closed",
    ]


def test_a_task_added_after_yield_runs_with_scope_function(run_example):
    app = run_example("yield_dependencies/task_added_after_yield_function_scope")

    response = app.client.post("/orders")

    assert response.status_code == 200
    assert response.json() == {"message": "Order placed"}
    assert app.log_lines() == [
        "dependency: session opened",
        "endpoint: saved order",
        "dependency: session closed",
        "task: confirmation sent for order",
    ]
    # --8<-- [end:test]


def test_the_commands_for_the_default_scope_print_what_the_page_shows(tmp_path):
    run_transcript(DOCS_SRC / "yield_dependencies" / "task_added_after_yield.console", tmp_path)


def test_the_commands_for_scope_function_print_what_the_page_shows(tmp_path):
    console = DOCS_SRC / "yield_dependencies" / "task_added_after_yield_function_scope.console"
    run_transcript(console, tmp_path)
