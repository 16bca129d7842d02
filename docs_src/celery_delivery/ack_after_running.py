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
    # Acknowledge each job once it has run: a job cut short stays in Redis.
    task_acks_late=True,
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


def render_and_write(notification_id: str, email: str) -> str:
    logger.info("rendering notification %s in process %d", notification_id, os.getpid())
    time.sleep(RENDER_SECONDS)
    line = f"notification {notification_id} for {email}"
    append_line(line)
    return line


@celery_app.task
def send_notification(notification_id: str, email: str) -> str:
    return render_and_write(notification_id, email)


# If the pool process running it dies, put the job back in the queue.
@celery_app.task(reject_on_worker_lost=True)
def send_notification_requeued_if_lost(notification_id: str, email: str) -> str:
    return render_and_write(notification_id, email)


# If the pool process running it dies, retry it as after an error,
# default_retry_delay seconds later (Celery's default is 180).
@celery_app.task(retry_on_worker_lost=True, default_retry_delay=1)
def send_notification_retried_if_lost(notification_id: str, email: str) -> str:
    return render_and_write(notification_id, email)
