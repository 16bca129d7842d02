import os
import time

from celery import Celery
from celery.exceptions import SoftTimeLimitExceeded

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")

celery_app = Celery(__name__, broker=REDIS_URL, backend=REDIS_URL)

# Seconds. Short for the lesson; in production, well above the slowest normal run.
SOFT_TIME_LIMIT = 0.25
HARD_TIME_LIMIT = 0.25


def append_line(line: str) -> None:
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(line + "\n")


@celery_app.task(soft_time_limit=SOFT_TIME_LIMIT)
def export_report(report_id: int, seconds: float) -> str:
    append_line(f"report {report_id}: export started")
    try:
        time.sleep(seconds)  # stands in for a call that may hang
    except SoftTimeLimitExceeded:
        # Raised inside the task: there is time to clean up before failing.
        append_line(f"report {report_id}: stopped by the soft time limit, partial file removed")
        raise
    append_line(f"report {report_id}: exported")
    return f"report-{report_id}.csv"


@celery_app.task(time_limit=HARD_TIME_LIMIT)
def export_report_with_hard_limit(report_id: int, seconds: float) -> str:
    append_line(f"report {report_id}: export started")
    # A hard limit kills the process that runs the task: nothing after this line runs.
    time.sleep(seconds)
    append_line(f"report {report_id}: exported")
    return f"report-{report_id}.csv"
