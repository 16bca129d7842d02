from typing import Annotated

from fastapi import BackgroundTasks, Depends, FastAPI

from docs_src.yield_dependencies.fake_session import Session, write_log

app = FastAPI()


def send_confirmation(items: list[str]) -> None:  # never runs in this app: see below
    for item in items:
        write_log(f"task: confirmation sent for {item}")


def get_session(background_tasks: BackgroundTasks):
    session = Session(by="dependency")
    try:
        yield session
        # Reached only if the endpoint did not raise: confirm what it saved.
        background_tasks.add_task(send_confirmation, list(session.saved))
    finally:
        session.close(by="dependency")


@app.post("/orders")
def place_order(session: Annotated[Session, Depends(get_session)]):
    session.save("order", by="endpoint")
    return {"message": "Order placed"}
