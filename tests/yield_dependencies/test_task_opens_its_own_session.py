from tests.examples import DOCS_SRC, run_transcript


# --8<-- [start:test]
def test_the_task_works_with_a_session_of_its_own(run_example):
    app = run_example("yield_dependencies/task_opens_its_own_session")

    response = app.client.post("/orders")

    assert response.status_code == 200
    assert response.json() == {"message": "Order placed"}
    assert app.log_lines() == [
        "dependency: session opened",
        "endpoint: saved order",
        "task: session opened",
        "task: saved receipt",
        "task: session closed",
        "dependency: session closed",
    ]


def test_it_still_works_when_the_request_session_closes_first(run_example):
    app = run_example("yield_dependencies/task_opens_its_own_session_function_scope")

    response = app.client.post("/orders")

    assert response.status_code == 200
    assert response.json() == {"message": "Order placed"}
    assert app.log_lines() == [
        "dependency: session opened",
        "endpoint: saved order",
        "dependency: session closed",
        "task: session opened",
        "task: saved receipt",
        "task: session closed",
    ]
    # --8<-- [end:test]


def test_the_commands_for_this_app_print_what_the_page_shows(tmp_path):
    run_transcript(DOCS_SRC / "yield_dependencies" / "task_opens_its_own_session.console", tmp_path)
