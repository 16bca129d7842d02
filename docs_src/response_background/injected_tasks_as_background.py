from typing import Annotated

from fastapi import BackgroundTasks, Depends, FastAPI, Path
from fastapi.responses import JSONResponse

app = FastAPI()

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


def write_log(line: str) -> None:
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(f"{line}\n")


def audit(background_tasks: BackgroundTasks) -> None:
    background_tasks.add_task(write_log, "audit: notification requested")


@app.post("/send-notification/{email}", dependencies=[Depends(audit)])
async def send_notification(
    email: Annotated[str, Path(pattern=EMAIL_PATTERN)],
    background_tasks: BackgroundTasks,
):
    background_tasks.add_task(write_log, f"stats: notification counted for {email}")
    background_tasks.add_task(write_log, f"notification for {email}: welcome aboard")
    # The injected object itself, with the dependency's task in it.
    return JSONResponse(
        {"message": "Notification sent in the background"},
        status_code=202,
        background=background_tasks,
    )
