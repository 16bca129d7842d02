import os
import time

from fastapi import FastAPI

app = FastAPI()

# How long the job takes; the test of the measuring script shortens it.
JOB_SECONDS = float(os.environ.get("JOB_SECONDS", "1"))


def build_report() -> None:
    time.sleep(JOB_SECONDS)  # stands in for work that takes a second
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write("report built\n")


# def, not async def: the sleep then blocks a worker thread, not the event loop.
@app.post("/reports", status_code=201)
def create_report():
    build_report()
    return {"report": "built"}
