from typing import Annotated, Optional

from fastapi import BackgroundTasks, Depends, FastAPI, Path, Query

app = FastAPI()

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
# Letters, marks, digits, punctuation, symbols and plain spaces: no line break
# or other control character can reach the log and forge a line.
QUERY_PATTERN = r"^[\p{L}\p{M}\p{N}\p{P}\p{S} ]+$"


def write_log(line: str) -> None:
    # One whole line per call, appended, so tasks never overwrite each other.
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(f"{line}\n")


def get_query(
    background_tasks: BackgroundTasks,
    q: Annotated[Optional[str], Query(max_length=50, pattern=QUERY_PATTERN)] = None,
) -> Optional[str]:
    if q is not None:
        background_tasks.add_task(write_log, f"query: {q}")
    return q


def get_message(
    background_tasks: BackgroundTasks,
    q: Annotated[Optional[str], Depends(get_query)],
) -> str:
    message = f"news about {q}" if q is not None else "welcome aboard"
    background_tasks.add_task(write_log, f"message: {message}")
    return message


@app.post("/send-notification/{email}")
async def send_notification(
    background_tasks: BackgroundTasks,
    email: Annotated[str, Path(pattern=EMAIL_PATTERN)],
    message: Annotated[str, Depends(get_message)],
):
    background_tasks.add_task(write_log, f"notification for {email}: {message}")
    return {"message": "Notification sent in the background"}
