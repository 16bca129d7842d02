import inspect
import re
import smtplib
import socket
from email.message import EmailMessage

import httpx2
import pytest

from docs_src.first_task.send_notification import EMAIL_PATTERN as LOG_LINE_PATTERN
from tests.examples import (
    DOCS_SRC,
    SMTP_PORT_VARIABLE,
    free_port,
    import_example,
    run_transcript,
    start_example,
)

EXAMPLE = "real_email/send_welcome_email"
WELCOME = {"subject": "Welcome aboard", "body": "Hello Ada,\n\nwelcome aboard!\n"}
HEADER_ERROR = "Header values may not contain linefeed or carriage return characters"


# --8<-- [start:test]
def test_the_task_sends_one_email_after_the_response(smtp_server, run_example):
    app = run_example(EXAMPLE)

    response = app.client.post("/send-notification/ada@example.com", json=WELCOME)

    assert response.status_code == 200
    assert response.json() == {"message": "Notification sent in the background"}
    # TestClient returns once the task has run: the server holds the message.
    [mail] = smtp_server.mails
    assert mail.sender == "noreply@example.com"
    assert mail.recipients == ["ada@example.com"]
    assert mail.message["From"] == "noreply@example.com"
    assert mail.message["To"] == "ada@example.com"
    assert mail.message["Subject"] == "Welcome aboard"
    assert mail.message.get_content() == "Hello Ada,\n\nwelcome aboard!\n"
    # --8<-- [end:test]


def test_each_request_sends_exactly_one_email(smtp_server, run_example):
    app = run_example(EXAMPLE)

    app.client.post("/send-notification/ada@example.com", json=WELCOME)
    app.client.post("/send-notification/grace@example.com", json=WELCOME)

    assert [mail.recipients for mail in smtp_server.mails] == [
        ["ada@example.com"],
        ["grace@example.com"],
    ]


def test_the_server_is_read_from_the_environment_when_the_task_runs(
    smtp_server, run_example, monkeypatch
):
    # Imported while SMTP_PORT names a port where nothing listens...
    monkeypatch.setenv(SMTP_PORT_VARIABLE, str(free_port()))
    app = run_example(EXAMPLE)
    # ...and pointed at the test's server only afterwards.
    monkeypatch.setenv(SMTP_PORT_VARIABLE, str(smtp_server.port))

    app.client.post("/send-notification/ada@example.com", json=WELCOME)

    assert len(smtp_server.mails) == 1


# --8<-- [start:injection]
@pytest.mark.parametrize(
    "address",
    [
        "ada%0ABcc:eve@example.com",  # a line break: a header of its own
        "eve,ada@example.com",  # a comma: a second recipient
        "Eve%20%3Ceve@example.com%3E",  # a display name and angle brackets
    ],
)
def test_a_forged_address_is_rejected_and_nothing_is_sent(smtp_server, run_example, address):
    app = run_example(EXAMPLE)

    response = app.client.post(f"/send-notification/{address}", json=WELCOME)

    assert response.status_code == 422
    error = response.json()["detail"][0]
    assert error["loc"] == ["path", "email"]
    assert error["type"] == "string_pattern_mismatch"
    assert smtp_server.mails == []


@pytest.mark.parametrize(
    "subject",
    ["Welcome\nBcc: eve@example.com", "Welcome\rBcc: eve@example.com", "Welcome\u2028aboard"],
)
def test_a_forged_subject_is_rejected_and_nothing_is_sent(smtp_server, run_example, subject):
    app = run_example(EXAMPLE)

    response = app.client.post(
        "/send-notification/ada@example.com", json={**WELCOME, "subject": subject}
    )

    assert response.status_code == 422
    error = response.json()["detail"][0]
    assert error["loc"] == ["body", "subject"]
    assert error["type"] == "string_pattern_mismatch"
    assert smtp_server.mails == []
    # --8<-- [end:injection]


def test_a_subject_that_is_too_long_or_empty_is_rejected(smtp_server, run_example):
    app = run_example(EXAMPLE)

    too_long = app.client.post(
        "/send-notification/ada@example.com", json={**WELCOME, "subject": "x" * 101}
    )
    empty = app.client.post("/send-notification/ada@example.com", json={**WELCOME, "subject": ""})

    assert too_long.status_code == 422
    assert too_long.json()["detail"][0]["type"] == "string_too_long"
    assert empty.status_code == 422
    assert empty.json()["detail"][0]["type"] == "string_pattern_mismatch"
    assert smtp_server.mails == []


# --8<-- [start:library]
@pytest.mark.parametrize(
    ("recipient", "subject"),
    [
        ("ada@example.com\nBcc: eve@example.com", "Welcome aboard"),  # line feed
        ("ada@example.com", "Welcome\rBcc: eve@example.com"),  # carriage return
        ("ada@example.com", "Welcome\u2028Bcc: eve@example.com"),  # line separator
    ],
)
def test_the_email_library_refuses_a_line_break_in_a_header(smtp_server, recipient, subject):
    tasks = import_example(EXAMPLE)

    # The task called directly, as if the path operation had not checked.
    with pytest.raises(ValueError, match=HEADER_ERROR):
        tasks.send_email(recipient, subject, "Hello")

    assert smtp_server.mails == []
    # --8<-- [end:library]


# --8<-- [start:comma]
def test_without_the_pattern_a_comma_would_add_a_recipient(smtp_server):
    tasks = import_example(EXAMPLE)
    # The first lesson's pattern, made for a log line, lets the comma through.
    assert re.fullmatch(LOG_LINE_PATTERN, "eve,ada@example.com")

    # No line break, so the email library accepts it: as two addresses.
    tasks.send_email("eve,ada@example.com", "Welcome aboard", "Hello")

    [mail] = smtp_server.mails
    assert mail.recipients == ["eve", "ada@example.com"]
    # --8<-- [end:comma]


def test_the_body_may_hold_line_breaks():
    message = EmailMessage()
    message.set_content("Hello Ada,\n\nBcc: eve@example.com\n")

    # The body comes after the blank line that ends the headers: it adds none.
    assert message.keys() == ["Content-Type", "Content-Transfer-Encoding", "MIME-Version"]


def test_smtplib_waits_forever_by_default_so_the_task_sets_a_timeout(smtp_server, monkeypatch):
    tasks = import_example(EXAMPLE)
    default = inspect.signature(smtplib.SMTP).parameters["timeout"].default
    assert default is socket._GLOBAL_DEFAULT_TIMEOUT
    assert socket.getdefaulttimeout() is None  # that is: block without a limit

    # A server that accepts the connection and never greets.
    with socket.create_server(("127.0.0.1", 0)) as silent:
        monkeypatch.setenv(SMTP_PORT_VARIABLE, str(silent.getsockname()[1]))
        monkeypatch.setattr(tasks, "SMTP_TIMEOUT", 0.2)
        with pytest.raises(smtplib.SMTPServerDisconnected, match="timed out"):
            tasks.send_email("ada@example.com", "Welcome aboard", "Hello")


# --8<-- [start:down]
def test_when_the_smtp_server_is_down_the_client_still_gets_200(tmp_path):
    nobody_listens = {"SMTP_HOST": "127.0.0.1", SMTP_PORT_VARIABLE: str(free_port())}

    with start_example(EXAMPLE, tmp_path, env=nobody_listens) as server:
        response = httpx2.post(
            f"{server.url}/send-notification/ada@example.com", json=WELCOME, timeout=10
        )

        assert response.status_code == 200
        assert response.json() == {"message": "Notification sent in the background"}
        # The task's error goes to the server's log, after the 200.
        server.expect(
            [
                'INFO:     127.0.0.1:... - "POST /send-notification/ada%40example.com'
                ' HTTP/1.1" 200 OK',
                "ERROR:    Exception in ASGI application",
                "ConnectionRefusedError: [Errno 111] Connection refused",
            ]
        )
        # --8<-- [end:down]


def test_the_commands_on_the_page_print_what_the_page_shows(tmp_path):
    run_transcript(DOCS_SRC / "real_email" / "send_welcome_email.console", tmp_path)
