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


def save_receipt(session: Session) -> None:
    session.save("receipt", by="task")


@app.post("/orders")
def place_order(
    session: Annotated[Session, Depends(get_session)],
    background_tasks: BackgroundTasks,
):
    session.save("order", by="endpoint")
    # Hands the request's session to the task: fine only while it is still open.
    background_tasks.add_task(save_receipt, session)
    return {"message": "Order placed"}
