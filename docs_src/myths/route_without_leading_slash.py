from fastapi import BackgroundTasks, FastAPI

app = FastAPI()


def write_log(line: str) -> None:
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(f"{line}\n")


@app.get("start_task")  # wrong: no leading slash
async def start_task(background_tasks: BackgroundTasks):
    background_tasks.add_task(write_log, "task: done")
    return {"status": "started"}
