from typing import Annotated

from fastapi import FastAPI, Path
from fastapi.concurrency import run_in_threadpool

from docs_src.celery_operating.notification_tasks import send_notification

app = FastAPI()

# No spaces or line breaks: the address ends up in the log.
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


# Right: the blocking call runs in a worker thread; the event loop only awaits it.
@app.post("/send-notification/{email}", status_code=202)
async def queue_notification(email: Annotated[str, Path(pattern=EMAIL_PATTERN)]):
    job = await run_in_threadpool(send_notification.delay, email)
    return {"task_id": job.id}


@app.get("/ping")
async def ping():
    return {"ping": "pong"}
