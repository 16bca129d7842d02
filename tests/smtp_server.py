"""A real SMTP server for the lessons that send mail, shared by every test folder.

aiosmtpd's Controller runs it in a thread of the test process, on a free
loopback port. It delivers nothing: it keeps each message it receives, so a
test can read what a task really sent.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

import pytest
from aiosmtpd.controller import Controller

from tests.examples import SMTP_PORT_VARIABLE, STARTUP_TIMEOUT, free_port

SMTP_HOST = "127.0.0.1"
SMTP_HOST_VARIABLE = "SMTP_HOST"


# --8<-- [start:smtp]
@dataclass
class ReceivedMail:
    sender: str  # from the envelope: MAIL FROM
    recipients: list[str]  # from the envelope: one RCPT TO each
    message: EmailMessage  # the headers and body, as received


class Inbox:
    """An aiosmtpd handler that keeps every message, in the order received."""

    def __init__(self) -> None:
        self.mails: list[ReceivedMail] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        # SMTP ends lines with CRLF; read them as Python's "\n".
        data = envelope.original_content.replace(b"\r\n", b"\n")
        message = BytesParser(policy=policy.default).parsebytes(data)
        self.mails.append(ReceivedMail(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 OK"


@dataclass
class SMTPServer:
    port: int
    mails: list[ReceivedMail]  # everything it has received so far
    # For a server process (uvicorn) that must send here.
    env: dict[str, str] = field(default_factory=dict)


@pytest.fixture
def smtp_server(monkeypatch) -> Iterator[SMTPServer]:
    """A throwaway SMTP server; SMTP_HOST and SMTP_PORT point at it."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname=SMTP_HOST, port=port, ready_timeout=STARTUP_TIMEOUT)
    controller.start()  # returns once the server answers
    env = {SMTP_HOST_VARIABLE: SMTP_HOST, SMTP_PORT_VARIABLE: str(port)}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    try:
        yield SMTPServer(port, inbox.mails, env)
    finally:
        controller.stop()
        # --8<-- [end:smtp]
