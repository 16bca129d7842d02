from typing import Annotated

from celery.result import AsyncResult
from fastapi import FastAPI, Path

from docs_src.celery_testing.notification_tasks import celery_app, send_notification

app = FastAPI()

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


@app.post("/send-notification/{email}", status_code=202)
def queue_notification(email: Annotated[str, Path(pattern=EMAIL_PATTERN)]):
    job = send_notification.delay(email)
    return {"task_id": job.id}


@app.get("/tasks/{task_id}")
def read_task_status(task_id: str):
    job = AsyncResult(task_id, app=celery_app)
    state = job.state
    result = job.result if state == "SUCCESS" else None
    return {"task_id": task_id, "state": state, "result": result}
