import pytest

EXAMPLE = "myths/coroutine_without_await"


# --8<-- [start:test]
def test_an_async_function_called_without_await_never_runs(run_example):
    app = run_example(EXAMPLE)

    # The suite turns every warning into an error: this one is expected.
    with pytest.warns(RuntimeWarning, match="coroutine 'build_report' was never awaited"):
        response = app.client.post("/reports/7/without-await")

    assert response.status_code == 200
    assert response.json() == {"report_id": 7, "status": "building"}
    assert app.log() == ""
    # --8<-- [end:test]


def test_the_function_handed_to_add_task_runs(run_example):
    app = run_example(EXAMPLE)

    response = app.client.post("/reports/7")

    assert response.json() == {"report_id": 7, "status": "building"}
    assert app.log() == "report 7: built\n"


@pytest.mark.parametrize("path", ["/reports/7%0Aforged", "/reports/7%0Aforged/without-await"])
def test_a_report_id_that_is_not_a_number_is_rejected_and_nothing_is_logged(run_example, path):
    app = run_example(EXAMPLE)

    response = app.client.post(path)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "report_id"]
    assert app.log() == ""
