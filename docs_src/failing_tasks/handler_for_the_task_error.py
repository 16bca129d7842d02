from fastapi import BackgroundTasks, FastAPI, Request
from fastapi.responses import JSONResponse

app = FastAPI()


def write_log(line: str) -> None:
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(f"{line}\n")


@app.exception_handler(ConnectionError)
async def mail_server_down(  # never runs in this app: the response has already started
    request: Request, error: ConnectionError
) -> JSONResponse:
    write_log(f"exception handler: {error}")
    return JSONResponse(status_code=503, content={"detail": "Try again later"})


def send_receipt(order_id: int) -> None:
    write_log(f"order {order_id}: connecting to the mail server")
    raise ConnectionError("mail server unreachable")


@app.post("/orders/{order_id}")
async def place_order(order_id: int, background_tasks: BackgroundTasks):
    background_tasks.add_task(send_receipt, order_id)
    return {"order_id": order_id, "status": "placed"}
