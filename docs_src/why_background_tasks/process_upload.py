from itertools import count

from fastapi import BackgroundTasks, FastAPI, HTTPException
from pydantic import BaseModel, Field

app = FastAPI()

# In this process's memory only: a restart forgets every status.
statuses: dict[int, dict] = {}
upload_ids = count(1)


class Upload(BaseModel):
    # A plain file name: no slashes, spaces or line breaks that could forge a log line.
    name: str = Field(pattern=r"^[A-Za-z0-9._-]{1,64}$")
    content: str = Field(min_length=1, max_length=10_000)


def count_words(upload_id: int, name: str, content: str) -> None:
    words = len(content.split())
    # Status first, log last: whoever sees the log line also sees "done".
    statuses[upload_id] = {"id": upload_id, "status": "done", "words": words}
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(f"upload {upload_id} ({name}): {words} words\n")


@app.post("/uploads", status_code=202)
async def create_upload(upload: Upload, background_tasks: BackgroundTasks):
    upload_id = next(upload_ids)
    statuses[upload_id] = {"id": upload_id, "status": "processing"}
    background_tasks.add_task(count_words, upload_id, upload.name, upload.content)
    return {"id": upload_id, "status_url": f"/uploads/{upload_id}"}


@app.get("/uploads/{upload_id}")
async def read_upload_status(upload_id: int):
    if upload_id not in statuses:
        raise HTTPException(status_code=404, detail="Upload not found")
    return statuses[upload_id]
