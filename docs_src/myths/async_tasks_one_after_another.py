import asyncio

from fastapi import BackgroundTasks, FastAPI

app = FastAPI()

WAIT_SECONDS = 0.2  # stands for a call to a slow service


def write_log(line: str) -> None:
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(f"{line}\n")


async def fetch(name: str) -> None:
    write_log(f"{name}: started")
    await asyncio.sleep(WAIT_SECONDS)
    write_log(f"{name}: finished")


@app.post("/one-after-another")
async def two_tasks(background_tasks: BackgroundTasks):
    background_tasks.add_task(fetch, "prices")
    background_tasks.add_task(fetch, "stock")
    return {"status": "fetching"}


async def fetch_both() -> None:
    # One task that runs both calls side by side.
    await asyncio.gather(fetch("prices"), fetch("stock"))


@app.post("/side-by-side")
async def one_task_that_gathers(background_tasks: BackgroundTasks):
    background_tasks.add_task(fetch_both)
    return {"status": "fetching"}
