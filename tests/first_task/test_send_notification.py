from tests.examples import DOCS_SRC, run_transcript

EXAMPLE = "first_task/send_notification"


# --8<-- [start:test]
def test_notification_is_logged_after_the_response(run_example):
    app = run_example(EXAMPLE)

    response = app.client.post("/send-notification/ada@example.com")

    assert response.status_code == 200
    assert response.json() == {"message": "Notification sent in the background"}
    # TestClient returns only once the background tasks have run.
    assert app.log() == "notification for ada@example.com: welcome aboard\n"
    # --8<-- [end:test]


def test_each_notification_appends_a_line(run_example):
    app = run_example(EXAMPLE)

    app.client.post("/send-notification/ada@example.com")
    app.client.post("/send-notification/grace@example.com")

    assert app.log_lines() == [
        "notification for ada@example.com: welcome aboard",
        "notification for grace@example.com: welcome aboard",
    ]


def test_an_address_with_a_line_break_is_rejected_and_nothing_is_logged(run_example):
    app = run_example(EXAMPLE)

    response = app.client.post("/send-notification/ada%0Aforged@example.com")

    assert response.status_code == 422
    error = response.json()["detail"][0]
    assert error["loc"] == ["path", "email"]
    assert error["type"] == "string_pattern_mismatch"
    assert app.log() == ""


def test_the_commands_on_the_page_print_what_the_page_shows(tmp_path):
    run_transcript(DOCS_SRC / "first_task" / "send_notification.console", tmp_path)
