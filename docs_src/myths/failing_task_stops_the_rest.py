from fastapi import BackgroundTasks, FastAPI

app = FastAPI()


def write_log(line: str) -> None:
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(f"{line}\n")


def send_receipt(order_id: int) -> None:
    write_log(f"order {order_id}: sending the receipt")
    raise ConnectionError("the mail server is unreachable")


def update_stats(order_id: int) -> None:  # never runs in this app
    write_log(f"order {order_id}: stats updated")


@app.post("/orders/{order_id}")
async def place_order(order_id: int, background_tasks: BackgroundTasks):
    background_tasks.add_task(send_receipt, order_id)
    background_tasks.add_task(update_stats, order_id)
    return {"order_id": order_id, "status": "placed"}
