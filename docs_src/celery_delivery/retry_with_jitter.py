import os

from celery import Celery

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")

celery_app = Celery(__name__, broker=REDIS_URL, backend=REDIS_URL)
celery_app.conf.update(
    task_acks_late=True,
    # A retry waits in a worker as a job with a countdown: keep the longest
    # one (retry_backoff_max) well under this.
    broker_transport_options={"visibility_timeout": 3600},
)


def append_line(line: str) -> None:
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(line + "\n")


@celery_app.task(
    bind=True,
    autoretry_for=(ConnectionError,),
    # Delays of 1 s, 2 s, 4 s... capped at retry_backoff_max (Celery's default: 600 s).
    retry_backoff=1,
    retry_backoff_max=2,
    # retry_jitter=True, the default, draws each delay from 0 up to that value.
    max_retries=3,
)
def send_notification_to_down_server(self, notification_id: str, email: str) -> None:
    attempt = self.request.retries + 1
    append_line(f"attempt {attempt} for notification {notification_id}: mail server unreachable")
    raise ConnectionError("mail server unreachable")
