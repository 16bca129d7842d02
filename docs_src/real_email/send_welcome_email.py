import os
import smtplib
from email.message import EmailMessage
from typing import Annotated

from fastapi import BackgroundTasks, FastAPI, Path
from pydantic import BaseModel, Field

app = FastAPI()

SENDER = "noreply@example.com"
# Stricter than a log line needs: in a To header, a comma adds a recipient.
EMAIL_PATTERN = r"^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$"
# Letters, marks, digits, punctuation, symbols and plain spaces: no line break
# that could start a header of its own.
SUBJECT_PATTERN = r"^[\p{L}\p{M}\p{N}\p{P}\p{S} ]+$"
SMTP_TIMEOUT = 10  # seconds; smtplib's default is to wait forever


class Notification(BaseModel):
    subject: str = Field(max_length=100, pattern=SUBJECT_PATTERN)
    body: str = Field(max_length=2000)  # line breaks are fine in the body


def send_email(recipient: str, subject: str, body: str) -> None:
    message = EmailMessage()
    message["From"] = SENDER
    message["To"] = recipient
    message["Subject"] = subject
    message.set_content(body)
    # Read each time the task runs, not at import: a test may set them after
    # the app is imported.
    host = os.environ.get("SMTP_HOST", "127.0.0.1")
    port = int(os.environ.get("SMTP_PORT", "8025"))
    with smtplib.SMTP(host, port, timeout=SMTP_TIMEOUT) as smtp:
        smtp.send_message(message)


@app.post("/send-notification/{email}")
async def send_notification(
    email: Annotated[str, Path(pattern=EMAIL_PATTERN)],
    notification: Notification,
    background_tasks: BackgroundTasks,
):
    background_tasks.add_task(send_email, email, notification.subject, notification.body)
    return {"message": "Notification sent in the background"}
