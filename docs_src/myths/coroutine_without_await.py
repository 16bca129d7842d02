from fastapi import BackgroundTasks, FastAPI

app = FastAPI()


async def build_report(report_id: int) -> None:
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(f"report {report_id}: built\n")


@app.post("/reports/{report_id}/without-await")
async def start_report_without_await(report_id: int):
    # Wrong: calling an async def function only creates a coroutine object.
    # Nothing awaits it, so build_report never runs.
    build_report(report_id)
    return {"report_id": report_id, "status": "building"}


@app.post("/reports/{report_id}")
async def start_report(report_id: int, background_tasks: BackgroundTasks):
    # Pass the function itself: FastAPI awaits it after the response.
    background_tasks.add_task(build_report, report_id)
    return {"report_id": report_id, "status": "building"}
