from typing import Annotated

from fastapi import BackgroundTasks, Depends, FastAPI

from docs_src.yield_dependencies.fake_session import Session

app = FastAPI()


def get_session():
    session = Session(by="dependency")
    try:
        yield session
    finally:
        session.close(by="dependency")


def save_receipt() -> None:
    # Its own session works whether or not the request's one is closed already.
    session = Session(by="task")
    try:
        session.save("receipt", by="task")
    finally:
        session.close(by="task")


@app.post("/orders")
def place_order(
    session: Annotated[Session, Depends(get_session, scope="function")],
    background_tasks: BackgroundTasks,
):
    session.save("order", by="endpoint")
    background_tasks.add_task(save_receipt)
    return {"message": "Order placed"}
