import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import Annotated

from fastapi import BackgroundTasks, Depends, FastAPI
from fastapi.responses import StreamingResponse

app = FastAPI()

ROWS = 3
# A pause before each row, as a slow export from a database would take.
ROW_SECONDS = 0.3


def write_line(line: str) -> None:
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(line + "\n")


class Session:
    """Stands for a database session: it logs what happens to it."""

    def __init__(self) -> None:
        self.is_open = True
        write_line("dependency: session opened")

    def read_row(self, number: int) -> str:
        state = "open" if self.is_open else "closed"
        write_line(f"stream: row {number} read, session {state}")
        return f"row {number}\n"

    def close(self) -> None:
        self.is_open = False
        write_line("dependency: session closed")


def get_session() -> Iterator[Session]:
    session = Session()
    try:
        yield session
    finally:
        session.close()


async def export_rows(session: Session) -> AsyncIterator[str]:
    for number in range(1, ROWS + 1):
        await asyncio.sleep(ROW_SECONDS)
        yield session.read_row(number)
    # Runs only once the last row has been handed to the server for sending.
    write_line("stream: all rows sent")


def record_export() -> None:
    write_line("task: export recorded")


@app.get("/export")
async def export(
    session: Annotated[Session, Depends(get_session)],
    background_tasks: BackgroundTasks,
):
    background_tasks.add_task(record_export)
    return StreamingResponse(export_rows(session), media_type="text/plain")
