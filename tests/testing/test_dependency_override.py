import pytest
from fastapi.testclient import TestClient

from docs_src.testing.notify_with_injected_notifier import app, get_notifier

client = TestClient(app)


# --8<-- [start:fake]
class FakeNotifier:
    """Remembers what it was asked to send, and sends nothing."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []
        self.error: Exception | None = None  # set it to make send() fail

    def send(self, email: str, message: str) -> None:
        if self.error is not None:
            raise self.error
        self.sent.append((email, message))


@pytest.fixture
def notifier():
    fake = FakeNotifier()
    app.dependency_overrides[get_notifier] = lambda: fake
    yield fake
    # Runs even if the test failed, so no other test meets the fake.
    app.dependency_overrides.clear()
    # --8<-- [end:fake]


# --8<-- [start:sent]
def test_the_welcome_message_is_sent(notifier):
    response = client.post("/send-notification/ada@example.com")

    assert response.status_code == 200
    assert response.json() == {"message": "Notification sent in the background"}
    assert notifier.sent == [("ada@example.com", "welcome aboard")]
    # --8<-- [end:sent]


# --8<-- [start:rejected]
def test_a_forged_address_is_rejected_and_nothing_is_sent(notifier):
    response = client.post("/send-notification/ada%0Aforged@example.com")

    assert response.status_code == 422
    error = response.json()["detail"][0]
    assert error["loc"] == ["path", "email"]
    assert error["type"] == "string_pattern_mismatch"
    assert notifier.sent == []
    # --8<-- [end:rejected]


# --8<-- [start:failure]
def test_a_failing_task_fails_the_call_in_the_test(notifier):
    notifier.error = ConnectionError("mail server unreachable")

    # The response was complete before the task ran; TestClient re-raises the error anyway.
    with pytest.raises(ConnectionError, match="mail server unreachable"):
        client.post("/send-notification/ada@example.com")


def test_the_caller_got_its_answer_before_the_task_failed(notifier):
    notifier.error = ConnectionError("mail server unreachable")
    lenient_client = TestClient(app, raise_server_exceptions=False)

    response = lenient_client.post("/send-notification/ada@example.com")

    assert response.status_code == 200
    assert response.json() == {"message": "Notification sent in the background"}
    assert notifier.sent == []
    # --8<-- [end:failure]
