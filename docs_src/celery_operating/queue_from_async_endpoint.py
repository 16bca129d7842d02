from typing import Annotated

from fastapi import FastAPI, Path

from docs_src.celery_operating.notification_tasks import send_notification

app = FastAPI()

# No spaces or line breaks: the address ends up in the log.
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


# Wrong: .delay() waits for Redis with a blocking call, on the event loop that
# also serves every other request.
@app.post("/send-notification/{email}", status_code=202)
async def queue_notification(email: Annotated[str, Path(pattern=EMAIL_PATTERN)]):
    job = send_notification.delay(email)
    return {"task_id": job.id}


@app.get("/ping")
async def ping():
    return {"ping": "pong"}
