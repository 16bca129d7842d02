import os
import time

from celery import Celery
from celery.utils.log import get_task_logger

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
# Seconds after which a job that a worker took, but never acknowledged, goes
# back to the queue. Longer than any task runs, and than any countdown.
VISIBILITY_TIMEOUT = int(os.environ.get("VISIBILITY_TIMEOUT", "3600"))
# Seconds between two sweeps for such jobs, in every running worker.
RESTORE_INTERVAL = int(os.environ.get("RESTORE_INTERVAL", "10"))
# Seconds of work before the line is written: a template, a query.
RENDER_SECONDS = float(os.environ.get("RENDER_SECONDS", "1"))

celery_app = Celery(__name__, broker=REDIS_URL, backend=REDIS_URL)
celery_app.conf.update(
    # Celery's default: acknowledge each job as it starts.
    task_acks_late=False,
    broker_transport_options={
        "visibility_timeout": VISIBILITY_TIMEOUT,
        "unacked_restore_interval": RESTORE_INTERVAL,
        # Sweep on every interval, not on every tenth (kombu's default).
        "unacked_restore_throttle": 1,
    },
)

logger = get_task_logger(__name__)


def append_line(line: str) -> None:
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(line + "\n")


@celery_app.task
def send_notification(notification_id: str, email: str) -> str:
    logger.info("rendering notification %s in process %d", notification_id, os.getpid())
    time.sleep(RENDER_SECONDS)
    line = f"notification {notification_id} for {email}"
    append_line(line)
    return line
