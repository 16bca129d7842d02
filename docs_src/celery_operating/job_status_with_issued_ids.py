from typing import Annotated
from uuid import uuid4

import redis
from celery.result import AsyncResult
from fastapi import FastAPI, HTTPException, Path

from docs_src.celery_operating.notification_tasks import (
    REDIS_URL,
    RESULT_EXPIRES,
    celery_app,
    send_notification,
)

app = FastAPI()
issued_ids = redis.Redis.from_url(REDIS_URL)

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


def issued_key(task_id: str) -> str:
    return f"issued-task:{task_id}"


@app.post("/send-notification/{email}", status_code=202)
def queue_notification(email: Annotated[str, Path(pattern=EMAIL_PATTERN)]):
    task_id = str(uuid4())
    # Marked before the job is sent, so the mark never outlives the result.
    issued_ids.set(issued_key(task_id), 1, ex=RESULT_EXPIRES)
    send_notification.apply_async((email,), task_id=task_id)
    return {"task_id": task_id}


@app.get("/tasks/{task_id}")
def read_task_status(task_id: str):
    if not issued_ids.exists(issued_key(task_id)):
        raise HTTPException(status_code=404, detail="No such task, or it has expired")
    job = AsyncResult(task_id, app=celery_app)
    state = job.state
    result = job.result if state == "SUCCESS" else None
    return {"task_id": task_id, "state": state, "result": result}
