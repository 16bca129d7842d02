import pytest

from tests.examples import DOCS_SRC, run_transcript

# --8<-- [start:test]
SAFE_PATTERNS = [
    "response_background/add_everything_to_injected",
    "response_background/injected_tasks_as_background",
]


@pytest.fixture(params=SAFE_PATTERNS, ids=lambda name: name.split("/")[1])
def app(request, run_example):
    return run_example(request.param)


def test_every_task_runs(app):
    response = app.client.post("/send-notification/ada@example.com")

    assert response.status_code == 202
    assert response.json() == {"message": "Notification sent in the background"}
    assert app.log_lines() == [
        "audit: notification requested",
        "stats: notification counted for ada@example.com",
        "notification for ada@example.com: welcome aboard",
    ]
    # --8<-- [end:test]


def test_a_bad_address_is_rejected_and_nothing_is_logged(app):
    response = app.client.post("/send-notification/ada%0Aforged@example.com")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "email"]
    # A raised validation error: no task of the request runs.
    assert app.log() == ""


def test_the_commands_on_the_page_print_what_the_page_shows(tmp_path):
    run_transcript(
        DOCS_SRC / "response_background" / "add_everything_to_injected.console", tmp_path
    )
