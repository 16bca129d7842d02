from tests.examples import DOCS_SRC, run_transcript

EXAMPLE = "testing/notify_with_injected_notifier"


def test_the_notification_is_logged_after_the_response(run_example):
    app = run_example(EXAMPLE)

    response = app.client.post("/send-notification/ada@example.com")

    assert response.status_code == 200
    assert response.json() == {"message": "Notification sent in the background"}
    assert app.log() == "notification for ada@example.com: welcome aboard\n"


def test_the_commands_on_the_page_print_what_the_page_shows(tmp_path):
    run_transcript(DOCS_SRC / "testing" / "notify_with_injected_notifier.console", tmp_path)
