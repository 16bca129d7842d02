import fcntl
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


@celery_app.task
def send_notification_once(notification_id: str, email: str) -> str:
    logger.info("rendering notification %s in process %d", notification_id, os.getpid())
    time.sleep(RENDER_SECONDS)
    line = f"notification {notification_id} for {email}"
    with open("log.txt", mode="a+", encoding="utf-8") as log:
        # One run at a time from here on, across the processes of this machine.
        # The lock goes away with its process, even after kill -9.
        fcntl.flock(log, fcntl.LOCK_EX)
        log.seek(0)
        if any(
            written.startswith(f"notification {notification_id} ")
            for written in log.read().splitlines()
        ):
            logger.info("notification %s was already written", notification_id)
            return line
        log.write(line + "\n")
        log.flush()
        # On disk before the worker acknowledges the job.
        os.fsync(log.fileno())
    return line
