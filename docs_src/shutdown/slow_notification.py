import asyncio
import os
from typing import Annotated

from fastapi import BackgroundTasks, FastAPI, Path

app = FastAPI()

# No spaces or line breaks: a newline in the address would forge a log line.
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
# How long the mail server takes to answer: long enough to stop the server
# by hand while the task runs. Set TASK_SECONDS to try another duration.
TASK_SECONDS = float(os.environ.get("TASK_SECONDS", "10"))


def write_line(line: str) -> None:
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(line + "\n")


async def send_notification(email: str) -> None:
    write_line(f"sending notification to {email}")
    await asyncio.sleep(TASK_SECONDS)  # waiting for the mail server
    write_line(f"notification sent to {email}")


@app.post("/send-notification/{email}")
async def request_notification(
    email: Annotated[str, Path(pattern=EMAIL_PATTERN)],
    background_tasks: BackgroundTasks,
):
    background_tasks.add_task(send_notification, email)
    return {"message": "Notification will be sent"}
