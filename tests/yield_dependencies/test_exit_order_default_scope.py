from tests.examples import DOCS_SRC, run_transcript

EXAMPLE = "yield_dependencies/exit_order_default_scope"


# --8<-- [start:test]
def test_the_session_closes_after_the_task(run_example):
    app = run_example(EXAMPLE)

    response = app.client.post("/orders")

    assert response.status_code == 200
    assert response.json() == {"message": "Order placed"}
    assert app.log_lines() == [
        "dependency: session opened",
        "endpoint: saved order",
        "task: saved receipt",
        "dependency: session closed",
    ]
    # --8<-- [end:test]


def test_each_request_gets_its_own_session(run_example):
    app = run_example(EXAMPLE)

    app.client.post("/orders")
    app.client.post("/orders")

    one_request = [
        "dependency: session opened",
        "endpoint: saved order",
        "task: saved receipt",
        "dependency: session closed",
    ]
    # The second request opens a new session: the first one's stays closed.
    assert app.log_lines() == one_request * 2


def test_the_response_is_sent_before_the_task_and_the_close(run_example):
    app = run_example(EXAMPLE)

    # stream() hands back the response as soon as its headers arrive.
    with app.client.stream("POST", "/orders") as response:
        assert response.status_code == 200
        assert app.log_lines() == ["dependency: session opened", "endpoint: saved order"]
        response.read()

    assert app.log_lines()[2:] == ["task: saved receipt", "dependency: session closed"]


def test_the_commands_on_the_page_print_what_the_page_shows(tmp_path):
    run_transcript(DOCS_SRC / "yield_dependencies" / "exit_order_default_scope.console", tmp_path)
