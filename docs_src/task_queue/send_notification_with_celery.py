from typing import Annotated

from celery.result import AsyncResult
from fastapi import FastAPI, Path

from docs_src.task_queue.notification_tasks import celery_app, send_notification

app = FastAPI()

# An address with no spaces or line breaks: a newline in it would forge an
# extra line in the log.
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


# def, not async def: .delay() and AsyncResult wait on Redis with blocking calls.
@app.post("/send-notification/{email}", status_code=202)
def queue_notification(email: Annotated[str, Path(pattern=EMAIL_PATTERN)]):
    job = send_notification.delay(email, message="welcome aboard")
    return {"task_id": job.id}


@app.get("/tasks/{task_id}")
def read_task_status(task_id: str):
    job = AsyncResult(task_id, app=celery_app)
    # Read the state once: the job may finish between two reads.
    state = job.state
    # Only a success has a result to show; a retry or failure holds an exception.
    result = job.result if state == "SUCCESS" else None
    return {"task_id": task_id, "state": state, "result": result}
