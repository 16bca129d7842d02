import time
from dataclasses import dataclass
from pathlib import Path

import httpx2
import pytest

from docs_src.task_functions import (
    blocking_async_task,
    blocking_work_in_def_task,
    non_blocking_async_task,
)
from tests.examples import serve_example

REPORT_EXAMPLES = [
    "task_functions/blocking_async_task",
    "task_functions/blocking_work_in_def_task",
    "task_functions/non_blocking_async_task",
]


def read_log(workdir: Path) -> str:
    path = workdir / "log.txt"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def wait_for_log(workdir: Path, expected: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while read_log(workdir) != expected and time.monotonic() < deadline:
        time.sleep(0.02)
    return read_log(workdir)


# --8<-- [start:measure]
@dataclass
class Timing:
    report_answered_in: float  # seconds until POST /reports/7 was answered
    ping_answered_in: float  # seconds from then until GET /ping was answered
    log_at_ping: str  # log.txt as it was when /ping was answered


def ask_for_a_report_then_ping(example: str, work_seconds: float, tmp_path: Path) -> Timing:
    with serve_example(example, tmp_path) as base_url:
        started = time.monotonic()
        report = httpx2.post(f"{base_url}/reports/7", timeout=10)
        answered = time.monotonic()
        # A second client, on its own connection, with a request that needs no work.
        ping = httpx2.get(f"{base_url}/ping", timeout=10)
        pinged = time.monotonic()
        log_at_ping = read_log(tmp_path)
        # Keep the server up until the task has finished.
        final_log = wait_for_log(tmp_path, "report 7: built\n", timeout=work_seconds + 10)

    assert report.json() == {"report_id": 7, "status": "building"}
    assert ping.json() == {"ping": "pong"}
    assert final_log == "report 7: built\n"
    return Timing(answered - started, pinged - answered, log_at_ping)
    # --8<-- [end:measure]


# --8<-- [start:blocking]
def test_an_async_task_that_blocks_makes_other_requests_wait(tmp_path):
    work = blocking_async_task.WORK_SECONDS

    timing = ask_for_a_report_then_ping("task_functions/blocking_async_task", work, tmp_path)

    # The client who asked for the report got its answer at once...
    assert timing.report_answered_in < 0.5 * work
    # ...but /ping waited for the rest of the sleep, and got its answer only
    # once the task had finished.
    assert 0.8 * work < timing.ping_answered_in < 2 * work
    assert timing.log_at_ping == "report 7: built\n"
    # --8<-- [end:blocking]


# --8<-- [start:def_task]
def test_a_def_task_that_blocks_leaves_the_server_free(tmp_path):
    work = blocking_work_in_def_task.WORK_SECONDS

    timing = ask_for_a_report_then_ping("task_functions/blocking_work_in_def_task", work, tmp_path)

    assert timing.report_answered_in < 0.5 * work
    assert timing.ping_answered_in < 0.5 * work
    # /ping was answered while the report was still being built.
    assert timing.log_at_ping == ""
    # --8<-- [end:def_task]


# --8<-- [start:non_blocking]
def test_an_async_task_that_awaits_leaves_the_server_free(tmp_path):
    work = non_blocking_async_task.WORK_SECONDS

    timing = ask_for_a_report_then_ping("task_functions/non_blocking_async_task", work, tmp_path)

    assert timing.report_answered_in < 0.5 * work
    assert timing.ping_answered_in < 0.5 * work
    # /ping was answered while the report was still being built.
    assert timing.log_at_ping == ""
    # --8<-- [end:non_blocking]


def test_tasks_of_two_requests_run_side_by_side(tmp_path):
    work = blocking_work_in_def_task.WORK_SECONDS

    with serve_example("task_functions/blocking_work_in_def_task", tmp_path) as base_url:
        started = time.monotonic()
        httpx2.post(f"{base_url}/reports/1", timeout=10)
        httpx2.post(f"{base_url}/reports/2", timeout=10)
        deadline = started + 2 * work + 10
        while len(read_log(tmp_path).splitlines()) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        both_built_in = time.monotonic() - started

    assert sorted(read_log(tmp_path).splitlines()) == ["report 1: built", "report 2: built"]
    # One after the other would take 2 * work; side by side takes about work.
    assert 0.8 * work < both_built_in < 1.6 * work


@pytest.mark.parametrize("example", REPORT_EXAMPLES)
def test_a_report_id_that_is_not_a_number_is_rejected_and_nothing_is_logged(run_example, example):
    app = run_example(example)

    response = app.client.post("/reports/7%0Aforged")

    assert response.status_code == 422
    error = response.json()["detail"][0]
    assert error["loc"] == ["path", "report_id"]
    assert error["type"] == "int_parsing"
    assert app.log() == ""
