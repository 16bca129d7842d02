import os
import time

from fastapi import BackgroundTasks, FastAPI

app = FastAPI()

# How long the job takes; the test of the measuring script shortens it.
JOB_SECONDS = float(os.environ.get("JOB_SECONDS", "1"))


def build_report() -> None:
    time.sleep(JOB_SECONDS)  # stands in for work that takes a second
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write("report built\n")


@app.post("/reports", status_code=202)
async def create_report(background_tasks: BackgroundTasks):
    background_tasks.add_task(build_report)
    return {"report": "building"}
