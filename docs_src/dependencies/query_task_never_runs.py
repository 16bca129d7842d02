from typing import Annotated

from fastapi import BackgroundTasks, Depends, FastAPI, Path, Query

app = FastAPI()

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
QUERY_PATTERN = r"^[\p{L}\p{M}\p{N}\p{P}\p{S} ]+$"


def write_log(line: str) -> None:
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(f"{line}\n")


def get_query(
    q: Annotated[str | None, Query(max_length=50, pattern=QUERY_PATTERN)] = None,
) -> str | None:
    if q is not None:
        # Wrong: this object belongs to no response, so its tasks never run.
        background_tasks = BackgroundTasks()
        background_tasks.add_task(write_log, f"query: {q}")
    return q


@app.post("/send-notification/{email}")
async def send_notification(
    background_tasks: BackgroundTasks,
    email: Annotated[str, Path(pattern=EMAIL_PATTERN)],
    q: Annotated[str | None, Depends(get_query)],
):
    background_tasks.add_task(write_log, f"notification for {email}: welcome aboard")
    return {"message": "Notification sent in the background"}
