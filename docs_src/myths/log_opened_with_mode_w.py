from typing import Annotated

from fastapi import BackgroundTasks, FastAPI, Path

app = FastAPI()

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


def write_notification(email: str, message: str = "") -> None:
    # Wrong: mode="w" empties the file first, so each call erases the last.
    with open("log.txt", mode="w", encoding="utf-8") as log:
        log.write(f"notification for {email}: {message}\n")


@app.post("/send-notification/{email}")
async def send_notification(
    email: Annotated[str, Path(pattern=EMAIL_PATTERN)],
    background_tasks: BackgroundTasks,
):
    background_tasks.add_task(write_notification, email, message="welcome aboard")
    return {"message": "Notification sent in the background"}
