import os
import re
import time
from decimal import Decimal
from uuid import UUID, uuid4

from fastapi import BackgroundTasks, FastAPI, HTTPException, Request, Response
from pydantic import BaseModel, Field

app = FastAPI()

# Stands in for slow work (a large file, a slow service); tests shorten it.
JOB_SECONDS = float(os.environ.get("JOB_SECONDS", "1"))
AMOUNT = re.compile(r"\d{1,7}\.\d{2}")

# In this process's memory: another process, or this one restarted, sees none of it.
jobs: dict[UUID, dict] = {}


class Expenses(BaseModel):
    # One "item,amount" per line: "coffee,3.50\ntea,2.25".
    csv: str = Field(min_length=1, max_length=10_000)


def add_up(csv: str) -> dict:
    lines = csv.splitlines()
    total = Decimal("0.00")
    for number, line in enumerate(lines, start=1):
        amount = line.rpartition(",")[2]
        if not AMOUNT.fullmatch(amount):
            raise ValueError(f"line {number}: {amount!r} is not an amount like 3.50")
        total += Decimal(amount)
    return {"lines": len(lines), "total": str(total)}


def write_line(line: str) -> None:
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(line + "\n")


def run_job(job_id: UUID, csv: str) -> None:
    time.sleep(JOB_SECONDS)
    try:
        result = add_up(csv)
    except ValueError as error:
        # Bad data: the message is written for the client.
        jobs[job_id] = {"status": "failed", "error": str(error)}
        write_line("job failed: bad data")
    except Exception:
        # A bug: tell the client that it failed, not why, and hand the error on.
        jobs[job_id] = {"status": "failed", "error": "internal error"}
        raise
    else:
        # One assignment replaces the whole entry: a reader never sees half of it.
        jobs[job_id] = {"status": "done", "result": result}
        write_line(f"job done: total {result['total']}")


@app.post("/jobs", status_code=202)
async def create_job(
    expenses: Expenses, request: Request, response: Response, background_tasks: BackgroundTasks
):
    # Random, not counted: unique without asking anyone, and not guessable.
    job_id = uuid4()
    jobs[job_id] = {"status": "pending"}
    background_tasks.add_task(run_job, job_id, expenses.csv)
    response.headers["Location"] = str(request.url_for("read_job", job_id=job_id))
    return {"job_id": job_id}


@app.get("/jobs/{job_id}")
async def read_job(job_id: UUID):
    job = jobs.get(job_id)
    if job is None:
        raise HTTPException(status_code=404, detail="Job not found")
    return job
