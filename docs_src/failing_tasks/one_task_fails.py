from fastapi import BackgroundTasks, FastAPI

app = FastAPI()

# Orders placed since the server started, by status.
order_stats: dict[str, int] = {}


def write_log(line: str) -> None:
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(f"{line}\n")


def save_invoice(order_id: int) -> None:
    write_log(f"order {order_id}: invoice saved")


def update_stats() -> None:
    # A bug: the counter was never set to 0, so every call raises KeyError.
    order_stats["placed"] += 1


def send_receipt(order_id: int) -> None:  # never runs in this app: update_stats fails first
    write_log(f"order {order_id}: receipt emailed")


@app.post("/orders/{order_id}")
async def place_order(order_id: int, background_tasks: BackgroundTasks):
    background_tasks.add_task(save_invoice, order_id)
    background_tasks.add_task(update_stats)
    background_tasks.add_task(send_receipt, order_id)
    return {"order_id": order_id, "status": "placed"}
