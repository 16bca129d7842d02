from typing import Annotated

from fastapi import FastAPI, Path
from fastapi.responses import JSONResponse
from starlette.background import BackgroundTask, BackgroundTasks

app = FastAPI()

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


def write_log(line: str) -> None:
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(f"{line}\n")


@app.post("/send-notification/{email}")
async def send_notification(email: Annotated[str, Path(pattern=EMAIL_PATTERN)]):
    # One function and its arguments, run after this response has been sent.
    task = BackgroundTask(write_log, f"notification for {email}: welcome aboard")
    return JSONResponse({"message": "Notification sent in the background"}, background=task)


@app.post("/orders/{order_id}")
async def place_order(order_id: int):
    # Several functions: a BackgroundTasks you create and fill yourself.
    tasks = BackgroundTasks()
    tasks.add_task(write_log, f"order {order_id}: invoice saved")
    tasks.add_task(write_log, f"order {order_id}: receipt emailed")
    return JSONResponse({"order_id": order_id, "status": "placed"}, background=tasks)
