EXAMPLE = "streaming/stream_then_task_function_scope"


# --8<-- [start:test]
def test_with_function_scope_the_session_closes_before_the_first_row(run_example):
    app = run_example(EXAMPLE)

    response = app.client.get("/export")

    assert response.text == "row 1\nrow 2\nrow 3\n"
    assert app.log_lines() == [
        "dependency: session opened",
        "dependency: session closed",
        "stream: row 1 read, session closed",
        "stream: row 2 read, session closed",
        "stream: row 3 read, session closed",
        "stream: all rows sent",
        "task: export recorded",
    ]
    # --8<-- [end:test]
