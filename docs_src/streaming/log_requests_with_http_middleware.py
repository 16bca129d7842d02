import asyncio
import time
from typing import Annotated

from fastapi import BackgroundTasks, FastAPI, Path, Request

app = FastAPI()

# No spaces or line breaks: a newline in the address would forge a log line.
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
TASK_SECONDS = 1.0


def write_line(line: str) -> None:
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(line + "\n")


@app.middleware("http")
async def add_process_time(request: Request, call_next):
    started = time.perf_counter()
    response = await call_next(request)
    response.headers["X-Process-Time"] = f"{time.perf_counter() - started:.3f}"
    write_line(f"middleware: call_next returned {response.status_code}")
    return response


async def send_notification(email: str) -> None:
    await asyncio.sleep(TASK_SECONDS)  # waiting for the mail server
    write_line(f"task: notification sent to {email}")


@app.post("/send-notification/{email}")
async def request_notification(
    email: Annotated[str, Path(pattern=EMAIL_PATTERN)],
    background_tasks: BackgroundTasks,
):
    background_tasks.add_task(send_notification, email)
    return {"message": "Notification will be sent"}
