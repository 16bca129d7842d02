import asyncio
import time

from fastapi import BackgroundTasks, FastAPI

app = FastAPI()

# How long saving the invoice takes; it stands in for a slow, blocking call.
SAVE_SECONDS = 0.2


def write_line(line: str) -> None:
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(line + "\n")


def save_invoice(order_id: int) -> None:
    # Blocking is fine in a def task: it runs in a worker thread.
    time.sleep(SAVE_SECONDS)
    write_line(f"order {order_id}: invoice saved (def)")


async def email_receipt(order_id: int) -> None:
    # Stands in for an async email client: awaiting it frees the event loop.
    await asyncio.sleep(0.01)
    write_line(f"order {order_id}: receipt emailed (async def)")


def update_stats(order_id: int) -> None:
    write_line(f"order {order_id}: stats updated (def)")


@app.post("/orders/{order_id}")
async def place_order(order_id: int, background_tasks: BackgroundTasks):
    background_tasks.add_task(save_invoice, order_id)
    background_tasks.add_task(email_receipt, order_id)
    background_tasks.add_task(update_stats, order_id)
    return {"order_id": order_id, "status": "placed"}
