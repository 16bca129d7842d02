import time
from contextlib import asynccontextmanager

from fastapi import BackgroundTasks, FastAPI

WORK_SECONDS = 1.0


def write_log(line: str) -> None:
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(f"{line}\n")


@asynccontextmanager
async def lifespan(app: FastAPI):
    yield
    # The shutdown part: nothing here waits for the requests' tasks.
    write_log("lifespan: shutdown")


app = FastAPI(lifespan=lifespan)


def build_report() -> None:
    write_log("task: started")
    time.sleep(WORK_SECONDS)
    write_log("task: finished")


@app.post("/reports")
async def start_report(background_tasks: BackgroundTasks):
    background_tasks.add_task(build_report)
    return {"status": "building"}
