import functools
import logging
import time

from fastapi import BackgroundTasks, FastAPI

from docs_src.failing_tasks.mail_server import MailServer

# uvicorn sets up its own loggers only: give the app's loggers a handler, on stderr.
logging.basicConfig(format="%(levelname)s:%(name)s: %(message)s")
logger = logging.getLogger(__name__)

app = FastAPI()

order_stats: dict[str, int] = {}
mail_server = MailServer(busy_for=2)

# Errors worth another try: the same call may succeed a moment later.
TRANSIENT_ERRORS = (ConnectionError, TimeoutError)
MAX_ATTEMPTS = 3
# The wait before the second attempt; it doubles after each failure.
RETRY_DELAY_SECONDS = 0.2


def write_log(line: str) -> None:
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(f"{line}\n")


def describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"


def guarded(task):
    """Make a def task log and record its failure instead of raising it."""

    @functools.wraps(task)
    def run(*args) -> None:
        call = f"{task.__name__}({', '.join(map(repr, args))})"
        attempt, delay = 1, RETRY_DELAY_SECONDS
        while True:
            try:
                task(*args)
                return
            except TRANSIENT_ERRORS as error:
                if attempt == MAX_ATTEMPTS:
                    line = f"failed: {call} after {attempt} attempts: {describe(error)}"
                    logger.exception(line)
                    write_log(line)
                    return
                line = (
                    f"retry: {call} in {delay:g} s, "
                    f"attempt {attempt} of {MAX_ATTEMPTS} failed: {describe(error)}"
                )
                logger.warning(line)
                write_log(line)
                # A def task runs in a worker thread: the wait blocks only that thread.
                time.sleep(delay)
                attempt, delay = attempt + 1, delay * 2
            except Exception as error:
                line = f"failed: {call}, not retried: {describe(error)}"
                logger.exception(line)
                write_log(line)
                return

    return run


@guarded
def save_invoice(order_id: int) -> None:
    write_log(f"order {order_id}: invoice saved")


@guarded
def update_stats() -> None:
    # The same bug as before; now it is logged and recorded, and stops nothing.
    order_stats["placed"] += 1


@guarded
def send_receipt(order_id: int) -> None:
    mail_server.send(f"order {order_id}: receipt emailed")


@app.post("/orders/{order_id}")
async def place_order(order_id: int, background_tasks: BackgroundTasks):
    background_tasks.add_task(save_invoice, order_id)
    background_tasks.add_task(update_stats)
    background_tasks.add_task(send_receipt, order_id)
    return {"order_id": order_id, "status": "placed"}
