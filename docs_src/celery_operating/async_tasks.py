import asyncio
import os

from celery import Celery

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")

celery_app = Celery(__name__, broker=REDIS_URL, backend=REDIS_URL)


def append_line(line: str) -> None:
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(line + "\n")


async def deliver(email: str) -> str:
    await asyncio.sleep(0.01)  # stands in for an async mail client
    line = f"notification for {email}: welcome aboard"
    append_line(line)
    return line


# Wrong: Celery calls the function, gets a coroutine back, and never awaits it.
@celery_app.task
async def send_notification_async(email: str) -> str:
    return await deliver(email)  # never runs in this app


# Wrong, and quieter: with no result to store, the worker even logs a success.
@celery_app.task(ignore_result=True)
async def send_notification_async_without_result(email: str) -> str:
    return await deliver(email)  # never runs in this app


# Right: a def task that runs the coroutine to its end, on an event loop of its own.
@celery_app.task
def send_notification(email: str) -> str:
    return asyncio.run(deliver(email))
