import os

from celery import Celery

# Redis is both the broker (where jobs wait) and the result backend (where
# their states and return values are kept). The URL comes from the
# environment, so each place can point at its own Redis without a code change.
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")

celery_app = Celery(__name__, broker=REDIS_URL, backend=REDIS_URL)

# After a ConnectionError, run the task again in 1 s, then 2 s, then 4 s; then give up.
RETRY_BACKOFF = 1  # seconds (Celery rounds anything smaller up to 1), doubled each time
RETRY_POLICY = {
    "autoretry_for": (ConnectionError,),
    "retry_backoff": RETRY_BACKOFF,
    # Exact delays for the lesson; in production, jitter keeps retries from bunching up.
    "retry_jitter": False,
    "max_retries": 3,
}


def append_line(line: str) -> None:
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(line + "\n")


@celery_app.task(**RETRY_POLICY)
def send_notification(email: str, message: str) -> str:
    line = f"notification for {email}: {message}"
    append_line(line)
    # The return value is stored in the result backend.
    return line


# This task's mail server is down for its first attempts.
FAILING_ATTEMPTS = 2


@celery_app.task(bind=True, **RETRY_POLICY)
def send_notification_to_flaky_server(self, email: str, message: str) -> str:
    attempt = self.request.retries + 1
    if attempt <= FAILING_ATTEMPTS:
        append_line(f"attempt {attempt} for {email}: mail server unreachable")
        raise ConnectionError("mail server unreachable")
    line = f"notification for {email}: {message} (attempt {attempt})"
    append_line(line)
    return line
