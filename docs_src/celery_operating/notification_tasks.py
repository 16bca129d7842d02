import os

from celery import Celery

# Both read once, when this module is imported: set them before starting the
# worker or the app.
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
# How long a finished job's state and result are kept: a day unless told otherwise.
RESULT_EXPIRES = int(os.environ.get("RESULT_EXPIRES", 24 * 60 * 60))  # seconds

celery_app = Celery(__name__, broker=REDIS_URL, backend=REDIS_URL)
celery_app.conf.result_expires = RESULT_EXPIRES


def append_line(line: str) -> None:
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(line + "\n")


@celery_app.task
def send_notification(email: str) -> str:
    line = f"notification for {email}: welcome aboard"
    append_line(line)
    return line


# Fire and forget: the worker stores no state and no result for these jobs.
@celery_app.task(ignore_result=True)
def send_notification_without_result(email: str) -> str:
    line = f"notification for {email}: welcome aboard (result ignored)"
    append_line(line)
    return line
