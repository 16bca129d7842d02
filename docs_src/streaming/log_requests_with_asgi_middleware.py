import asyncio
import time
from typing import Annotated

from fastapi import BackgroundTasks, FastAPI, Path
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# No spaces or line breaks: a newline in the address would forge a log line.
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
TASK_SECONDS = 1.0


def write_line(line: str) -> None:
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(line + "\n")


class ProcessTimeMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # the lifespan messages pass through
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()

        async def send_with_process_time(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.append("X-Process-Time", f"{time.perf_counter() - started:.3f}")
            await send(message)

        await self.app(scope, receive, send_with_process_time)
        write_line("middleware: app returned")


app = FastAPI()
app.add_middleware(ProcessTimeMiddleware)


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
