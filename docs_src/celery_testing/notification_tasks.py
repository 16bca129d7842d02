import os

from celery import Celery
from pydantic import BaseModel

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")

celery_app = Celery(__name__, broker=REDIS_URL, backend=REDIS_URL)
# With Redis down, .delay() gives up after one retry instead of twenty, a second apart.
celery_app.conf.result_backend_transport_options = {"retry_policy": {"max_retries": 1}}

# How many notifications each address got: memory of whichever process runs the task.
sent_count: dict[str, int] = {}


def append_line(line: str) -> None:
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(line + "\n")


@celery_app.task
def send_notification(email: str) -> str:
    sent_count[email] = sent_count.get(email, 0) + 1
    line = f"notification for {email}: welcome aboard"
    append_line(line)
    return line


RETRY_DELAY = 1  # seconds


@celery_app.task(bind=True)
def send_notification_to_flaky_server(self, email: str) -> str:
    attempt = self.request.retries + 1
    if attempt == 1:
        append_line(f"attempt 1 for {email}: mail server unreachable")
        raise self.retry(countdown=RETRY_DELAY)
    line = f"notification for {email}: welcome aboard (attempt {attempt})"
    append_line(line)
    return line


class Receipt(BaseModel):
    email: str
    message: str


# Wrong: a worker stores the return value as JSON, and a model is not JSON.
@celery_app.task
def send_notification_with_receipt(email: str) -> Receipt:
    append_line(f"notification for {email}: welcome aboard (with a receipt)")
    return Receipt(email=email, message="welcome aboard")
