from fastapi import BackgroundTasks, FastAPI, Request
from fastapi.responses import JSONResponse

app = FastAPI()

order_stats: dict[str, int] = {}


def write_log(line: str) -> None:
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(f"{line}\n")


@app.middleware("http")
async def log_errors(request: Request, call_next):
    try:
        response = await call_next(request)
    except Exception as error:  # never runs in this app: call_next returns before the tasks
        write_log(f"middleware: caught {type(error).__name__}")
        raise
    write_log(f"middleware: call_next returned {response.status_code}")
    return response


@app.exception_handler(Exception)
async def on_any_error(request: Request, error: Exception) -> JSONResponse:
    write_log(f"exception handler: {type(error).__name__}: {error}")
    return JSONResponse(status_code=500, content={"detail": "Internal error"})


def update_stats() -> None:
    # The same bug as before: the counter was never set to 0.
    order_stats["placed"] += 1


def send_receipt(order_id: int) -> None:  # never runs in this app: update_stats fails first
    write_log(f"order {order_id}: receipt emailed")


@app.post("/orders/{order_id}")
async def place_order(order_id: int, background_tasks: BackgroundTasks):
    background_tasks.add_task(update_stats)
    background_tasks.add_task(send_receipt, order_id)
    return {"order_id": order_id, "status": "placed"}
