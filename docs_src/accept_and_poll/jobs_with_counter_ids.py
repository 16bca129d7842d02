import threading

from fastapi import BackgroundTasks, FastAPI, HTTPException
from pydantic import BaseModel, Field

app = FastAPI()

# The pattern found in many answers online: jobs in a dict, ids from a counter.
jobs: dict[int, dict] = {}
last_job_id = 0
job_id_lock = threading.Lock()


class Document(BaseModel):
    text: str = Field(min_length=1, max_length=10_000)


def next_job_id() -> int:
    global last_job_id
    # Read, add one, write back: without the lock, two threads can read the
    # same number and hand out the same id.
    with job_id_lock:
        last_job_id += 1
        return last_job_id


def count_words(job_id: int, text: str) -> None:
    jobs[job_id] = {"status": "done", "result": {"words": len(text.split())}}


# A def function: FastAPI runs it in a worker thread, several requests at once.
@app.post("/jobs", status_code=202)
def create_job(document: Document, background_tasks: BackgroundTasks):
    job_id = next_job_id()
    jobs[job_id] = {"status": "pending"}
    background_tasks.add_task(count_words, job_id, document.text)
    return {"job_id": job_id}


@app.get("/jobs/{job_id}")
def read_job(job_id: int):
    job = jobs.get(job_id)
    if job is None:
        raise HTTPException(status_code=404, detail="Job not found")
    return job
