import asyncio
import os
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import BackgroundTasks, FastAPI, Path, Request

# No spaces or line breaks: a newline in the address would forge a log line.
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
TASK_SECONDS = float(os.environ.get("TASK_SECONDS", "10"))


def write_line(line: str) -> None:
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(line + "\n")


class MailClient:
    """Stands for a connection pool to a mail server: it logs its life."""

    def __init__(self) -> None:
        write_line("mail client: opened")

    async def send(self, email: str) -> None:
        await asyncio.sleep(TASK_SECONDS)
        write_line(f"mail client: sent notification to {email}")

    async def close(self) -> None:
        write_line("mail client: closed")


@asynccontextmanager
async def lifespan(app: FastAPI):
    mail_client = MailClient()
    yield {"mail_client": mail_client}
    # uvicorn gets here on shutdown, once the running tasks have finished.
    await mail_client.close()


app = FastAPI(lifespan=lifespan)


@app.post("/send-notification/{email}")
async def request_notification(
    email: Annotated[str, Path(pattern=EMAIL_PATTERN)],
    request: Request,
    background_tasks: BackgroundTasks,
):
    background_tasks.add_task(request.state.mail_client.send, email)
    return {"message": "Notification will be sent"}
