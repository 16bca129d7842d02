from unittest import mock

from fastapi import BackgroundTasks
from fastapi.testclient import TestClient

from docs_src.testing.notify_with_injected_notifier import LogNotifier, app

client = TestClient(app)


# --8<-- [start:add_task]
def test_the_notification_is_scheduled(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    with mock.patch.object(BackgroundTasks, "add_task") as add_task:
        response = client.post("/send-notification/ada@example.com")

    assert response.status_code == 200
    add_task.assert_called_once_with(mock.ANY, "ada@example.com", message="welcome aboard")
    # notifier.send is a new bound method on every access: compare the function behind it.
    scheduled = add_task.call_args.args[0]
    assert scheduled.__func__ is LogNotifier.send
    # The mock took the task and never ran it: nothing was written.
    assert not (tmp_path / "log.txt").exists()
    # --8<-- [end:add_task]


# --8<-- [start:send]
def test_the_notifier_is_called(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    with mock.patch.object(LogNotifier, "send", autospec=True) as send:
        response = client.post("/send-notification/ada@example.com")

    assert response.status_code == 200
    # autospec keeps the real signature, so the first argument is the notifier (self).
    send.assert_called_once_with(mock.ANY, "ada@example.com", message="welcome aboard")
    # The task ran, but it called the mock: nothing was written.
    assert not (tmp_path / "log.txt").exists()
    # --8<-- [end:send]
