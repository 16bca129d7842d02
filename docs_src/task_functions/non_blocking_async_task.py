import asyncio

from fastapi import BackgroundTasks, FastAPI

app = FastAPI()

# How long building a report takes.
WORK_SECONDS = 1.5


def write_line(line: str) -> None:
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(line + "\n")


async def build_report(report_id: int) -> None:
    # Stands in for an async client call: while it is awaited, the event
    # loop answers other requests.
    await asyncio.sleep(WORK_SECONDS)
    write_line(f"report {report_id}: built")


@app.post("/reports/{report_id}")
async def request_report(report_id: int, background_tasks: BackgroundTasks):
    background_tasks.add_task(build_report, report_id)
    return {"report_id": report_id, "status": "building"}


@app.get("/ping")
async def ping():
    return {"ping": "pong"}
