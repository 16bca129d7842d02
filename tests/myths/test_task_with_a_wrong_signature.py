from unittest import mock

import pytest
from fastapi.testclient import TestClient

EXAMPLE = "myths/task_with_a_wrong_signature"
TASK = "docs_src.myths.task_with_a_wrong_signature.write_notification"


# --8<-- [start:mock]
def test_with_the_task_mocked_the_broken_app_passes(run_example):
    app = run_example(EXAMPLE)

    with mock.patch(TASK) as write_notification:
        response = app.client.post("/send-notification/ada@example.com")

    assert response.status_code == 200
    # True, and beside the point: the real function takes no message=.
    write_notification.assert_called_once_with("ada@example.com", message="welcome aboard")
    # --8<-- [end:mock]


# --8<-- [start:effect]
def test_with_the_real_task_the_same_request_fails(run_example):
    app = run_example(EXAMPLE)
    lenient_client = TestClient(app.client.app, raise_server_exceptions=False)

    # add_task took the arguments: the client gets its 200...
    assert lenient_client.post("/send-notification/ada@example.com").status_code == 200
    # ...and the task fails when it is called; TestClient raises its error.
    with pytest.raises(TypeError, match="unexpected keyword argument 'message'"):
        app.client.post("/send-notification/ada@example.com")

    assert app.log() == ""
    # --8<-- [end:effect]


# --8<-- [start:autospec]
def test_autospec_checks_the_arguments_against_the_real_function(run_example):
    app = run_example(EXAMPLE)

    with (
        mock.patch(TASK, autospec=True),
        pytest.raises(TypeError, match="unexpected keyword argument 'message'"),
    ):
        app.client.post("/send-notification/ada@example.com")
    # --8<-- [end:autospec]


def test_an_address_with_a_line_break_is_rejected_and_nothing_is_logged(run_example):
    app = run_example(EXAMPLE)

    response = app.client.post("/send-notification/ada%0Aforged@example.com")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "email"]
    assert app.log() == ""
