from typing import Annotated

from fastapi import BackgroundTasks, Depends, FastAPI, Path

app = FastAPI()

# An address with no spaces or line breaks: a newline in it would forge an
# extra line in the log.
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
LOG_PATH = "log.txt"


class LogNotifier:
    # Stands in for an email client: "sending" appends one line to a file.
    def __init__(self, path: str) -> None:
        self.path = path

    def send(self, email: str, message: str) -> None:
        with open(self.path, mode="a", encoding="utf-8") as log:
            log.write(f"notification for {email}: {message}\n")


def get_notifier() -> LogNotifier:
    # LOG_PATH is read on every request, so a test can point it elsewhere.
    return LogNotifier(LOG_PATH)


@app.post("/send-notification/{email}")
async def send_notification(
    email: Annotated[str, Path(pattern=EMAIL_PATTERN)],
    notifier: Annotated[LogNotifier, Depends(get_notifier)],
    background_tasks: BackgroundTasks,
):
    background_tasks.add_task(notifier.send, email, message="welcome aboard")
    return {"message": "Notification sent in the background"}
