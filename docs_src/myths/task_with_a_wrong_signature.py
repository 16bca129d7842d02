from typing import Annotated

from fastapi import BackgroundTasks, FastAPI, Path

app = FastAPI()

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


# Renamed from message= to text=, and the caller was not updated.
def write_notification(email: str, text: str = "") -> None:  # never runs in this app
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(f"notification for {email}: {text}\n")


@app.post("/send-notification/{email}")
async def send_notification(
    email: Annotated[str, Path(pattern=EMAIL_PATTERN)],
    background_tasks: BackgroundTasks,
):
    # add_task accepts any arguments; they fail only when the task is called.
    background_tasks.add_task(write_notification, email, message="welcome aboard")
    return {"message": "Notification sent in the background"}
