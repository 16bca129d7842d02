import time

import httpx2

from docs_src.streaming import stream_then_task
from tests.examples import DOCS_SRC, read_log, run_transcript, serve_example, wait_for

EXAMPLE = "streaming/stream_then_task"
WHOLE_EXPORT = [
    "dependency: session opened",
    "stream: row 1 read, session open",
    "stream: row 2 read, session open",
    "stream: row 3 read, session open",
    "stream: all rows sent",
    "task: export recorded",
    "dependency: session closed",
]


# --8<-- [start:test]
def test_the_task_starts_only_after_the_last_row_is_sent(tmp_path):
    log_when_row_arrived: dict[str, list[str]] = {}
    arrived_at: list[float] = []
    with serve_example(EXAMPLE, tmp_path) as url:
        with httpx2.stream("GET", f"{url}/export", timeout=10) as response:
            for row in response.iter_lines():
                log_when_row_arrived[row] = read_log(tmp_path).splitlines()
                arrived_at.append(time.monotonic())
        wait_for(lambda: "session closed" in read_log(tmp_path), timeout=10, what="the end")

    assert list(log_when_row_arrived) == ["row 1", "row 2", "row 3"]
    # A real stream: two pauses of ROW_SECONDS between the first row and the last.
    assert arrived_at[-1] - arrived_at[0] >= 1.5 * stream_then_task.ROW_SECONDS
    # Rows 1 and 2 reached the client before any task had started: the next row
    # was still ROW_SECONDS away, and the task comes after the last one.
    for row in ["row 1", "row 2"]:
        assert "task: export recorded" not in log_when_row_arrived[row]
    # The session stayed open for every row, the task ran after the last row
    # had been sent, and the session closed last.
    assert read_log(tmp_path).splitlines() == WHOLE_EXPORT
    # --8<-- [end:test]


def test_the_commands_on_the_page_print_what_the_page_shows(tmp_path):
    run_transcript(DOCS_SRC / "streaming" / "stream_then_task.console", tmp_path)
