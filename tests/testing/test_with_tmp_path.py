from fastapi.testclient import TestClient

from docs_src.testing import notify_with_injected_notifier as example

client = TestClient(example.app)


# --8<-- [start:chdir]
def test_the_notification_is_written_to_the_working_directory(tmp_path, monkeypatch):
    # The app opens "log.txt" relative to where it runs: make that an empty folder.
    monkeypatch.chdir(tmp_path)

    response = client.post("/send-notification/ada@example.com")

    assert response.status_code == 200
    assert response.json() == {"message": "Notification sent in the background"}
    # No waiting needed: TestClient returned only after the task had run.
    log = tmp_path / "log.txt"
    assert log.read_text(encoding="utf-8") == "notification for ada@example.com: welcome aboard\n"
    # --8<-- [end:chdir]


# --8<-- [start:setattr]
def test_the_notification_is_written_where_log_path_points(tmp_path, monkeypatch):
    log = tmp_path / "notifications.log"
    monkeypatch.setattr(example, "LOG_PATH", str(log))

    client.post("/send-notification/ada@example.com")
    client.post("/send-notification/grace@example.com")

    assert log.read_text(encoding="utf-8").splitlines() == [
        "notification for ada@example.com: welcome aboard",
        "notification for grace@example.com: welcome aboard",
    ]
    # --8<-- [end:setattr]


# --8<-- [start:stream]
def test_a_streamed_response_comes_back_before_the_task_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    log = tmp_path / "log.txt"

    with client.stream("POST", "/send-notification/ada@example.com") as response:
        assert response.status_code == 200
        # Only the status and headers are in: the app is still sending the body.
        assert not log.exists()
        response.read()
        # The body ends when the app's call ends, and that includes the task.
        assert log.read_text(encoding="utf-8") == (
            "notification for ada@example.com: welcome aboard\n"
        )
    # --8<-- [end:stream]
