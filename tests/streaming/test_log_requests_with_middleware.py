import time

import httpx2
import pytest

from tests.examples import (
    DOCS_SRC,
    import_example,
    read_log,
    run_transcript,
    serve_example,
    wait_for,
)

HTTP_MIDDLEWARE = "streaming/log_requests_with_http_middleware"
ASGI_MIDDLEWARE = "streaming/log_requests_with_asgi_middleware"


# --8<-- [start:measure]
def time_two_requests_on_one_connection(url: str) -> list[tuple[float, float]]:
    """Two requests, one after the other, on one connection: for each, the seconds
    until it was answered, and the X-Process-Time the middleware reported."""
    timings = []
    with httpx2.Client(timeout=10) as client:  # keeps its connection open between requests
        for email in ["ada@example.com", "grace@example.com"]:
            started = time.monotonic()
            response = client.post(f"{url}/send-notification/{email}")
            answered_in = time.monotonic() - started
            assert response.json() == {"message": "Notification will be sent"}
            timings.append((answered_in, float(response.headers["x-process-time"])))
    return timings


@pytest.mark.parametrize("example", [HTTP_MIDDLEWARE, ASGI_MIDDLEWARE])
def test_no_middleware_makes_the_client_wait_for_the_task(tmp_path, example):
    task_seconds = import_example(example).TASK_SECONDS
    with serve_example(example, tmp_path) as url:
        timings = time_two_requests_on_one_connection(url)
        # Keep the server up until both tasks have run.
        wait_for(lambda: read_log(tmp_path).count("task:") == 2, task_seconds + 10, "the tasks")

    # Each task sleeps for a second. Both answers came in well under half of it,
    # the second one too, although the first task was still running; and the
    # process time the middleware reported does not include the task either.
    for answered_in, process_time in timings:
        assert answered_in < 0.5 * task_seconds
        assert process_time < 0.5 * task_seconds
    # --8<-- [end:measure]


@pytest.mark.parametrize(
    ("example", "middleware_line"),
    [
        (HTTP_MIDDLEWARE, "middleware: call_next returned 422"),
        (ASGI_MIDDLEWARE, "middleware: app returned"),
    ],
)
def test_an_address_with_a_line_break_is_rejected_and_no_task_runs(
    run_example, example, middleware_line
):
    app = run_example(example)

    response = app.client.post("/send-notification/ada%0Aforged@example.com")

    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "string_pattern_mismatch"
    assert app.log_lines() == [middleware_line]


@pytest.mark.parametrize(
    "transcript",
    ["log_requests_with_http_middleware.console", "log_requests_with_asgi_middleware.console"],
)
def test_the_commands_on_the_page_print_what_the_page_shows(tmp_path, transcript):
    run_transcript(DOCS_SRC / "streaming" / transcript, tmp_path)
