import os
from dataclasses import dataclass

from celery import Celery


@dataclass(frozen=True)
class Settings:
    redis_url: str
    result_expires: int = 24 * 60 * 60  # seconds

    @classmethod
    def from_environment(cls) -> "Settings":
        return cls(redis_url=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))


def send_notification(email: str) -> str:
    line = f"notification for {email}: welcome aboard"
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(line + "\n")
    return line


def create_celery_app(settings: Settings) -> Celery:
    """Build a Celery app, complete, from settings: nothing is changed after this."""
    celery_app = Celery(__name__, broker=settings.redis_url, backend=settings.redis_url)
    celery_app.conf.result_expires = settings.result_expires
    # shared=False: on this app only, not on every app the process builds later.
    celery_app.task(name="send_notification", shared=False)(send_notification)
    return celery_app


# The one app of the worker and of the web app, built once when they start.
# A test builds its own with create_celery_app(Settings(redis_url=...)).
celery_app = create_celery_app(Settings.from_environment())
