import os

from celery import Celery

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")

celery_app = Celery(__name__, broker=REDIS_URL, backend=REDIS_URL)

# Beat reads this table and sends each entry's task when it is due; a worker runs it.
celery_app.conf.beat_schedule = {
    "heartbeat-every-second": {
        "task": "docs_src.celery_operating.periodic_tasks.record_heartbeat",
        "schedule": 1.0,  # seconds; celery.schedules.crontab(...) for times of day
    },
}


@celery_app.task
def record_heartbeat() -> None:
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write("heartbeat\n")
