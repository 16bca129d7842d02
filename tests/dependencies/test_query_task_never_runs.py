# --8<-- [start:test]
def test_a_task_added_to_a_new_object_never_runs(run_example):
    app = run_example("dependencies/query_task_never_runs")

    response = app.client.post("/send-notification/ada@example.com", params={"q": "fastapi"})

    assert response.status_code == 200
    # No "query: fastapi" line: only the injected object's task ran.
    assert app.log_lines() == ["notification for ada@example.com: welcome aboard"]
    # --8<-- [end:test]


def test_without_a_query_only_the_notification_is_logged(run_example):
    app = run_example("dependencies/query_task_never_runs")

    response = app.client.post("/send-notification/ada@example.com")

    assert response.status_code == 200
    assert app.log_lines() == ["notification for ada@example.com: welcome aboard"]
