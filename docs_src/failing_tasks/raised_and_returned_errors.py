from typing import Annotated

from fastapi import BackgroundTasks, Depends, FastAPI, Header, HTTPException
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

app = FastAPI()

STOCK = {"apple": 3}


class Order(BaseModel):
    item: str = Field(pattern=r"^[a-z]{1,20}$")
    quantity: int = Field(gt=0)


def write_log(line: str) -> None:
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(f"{line}\n")


def audit(background_tasks: BackgroundTasks) -> None:
    # Written now, so the log shows that the dependency ran and added its task.
    write_log("dependency: audit task added")
    background_tasks.add_task(write_log, "task: order request audited")


def get_customer_id(x_customer_id: Annotated[int, Header(gt=0)]) -> int:
    return x_customer_id


@app.post("/orders", dependencies=[Depends(audit)])
async def place_order(
    order: Order,
    customer_id: Annotated[int, Depends(get_customer_id)],
    background_tasks: BackgroundTasks,
):
    if order.item not in STOCK:
        # Raised: FastAPI builds the 404 itself, and the request's tasks are dropped.
        raise HTTPException(status_code=404, detail="No such item")
    if order.quantity > STOCK[order.item]:
        # Returned: this response gets the request's tasks, like any other.
        return JSONResponse(status_code=400, content={"detail": "Not enough in stock"})
    background_tasks.add_task(
        write_log, f"task: customer {customer_id} ordered {order.quantity} {order.item}"
    )
    return {"status": "placed"}
