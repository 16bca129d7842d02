import socket

import httpx2
import pytest
from starlette.routing import Route

from tests.examples import DOCS_SRC, read_log, run_transcript, start_example

EXAMPLE = "myths/route_without_leading_slash"


# --8<-- [start:test]
def test_a_path_without_a_leading_slash_is_accepted_but_never_matches(run_example):
    app = run_example(EXAMPLE)  # no error at import, nor at startup

    [route] = [r for r in app.client.app.routes if r.name == "start_task"]
    # A URL's path always starts with "/": this pattern cannot match one.
    assert route.path_regex.pattern == "^start_task$"
    assert "start_task" in app.client.get("/openapi.json").json()["paths"]
    response = app.client.get("/start_task")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}
    assert app.log() == ""
    # --8<-- [end:test]


def test_starlette_on_its_own_refuses_such_a_path():
    with pytest.raises(AssertionError, match="Routed paths must start with '/'"):
        Route("start_task", endpoint=lambda request: None)


def request_line(port: int, target: str) -> str:
    """Send a hand-written request; return the status line of the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(
            f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
        )
        answer = b""
        while chunk := connection.recv(4096):
            answer += chunk
    return answer.decode().split("\r\n", 1)[0]


def test_under_uvicorn_only_a_hand_written_request_line_reaches_it(tmp_path):
    with start_example(EXAMPLE, tmp_path) as server:
        from_a_client = httpx2.get(f"{server.url}/start_task", timeout=10)
        port = int(server.url.rsplit(":", 1)[1])
        hand_written = request_line(port, "start_task")

    assert from_a_client.status_code == 404
    assert hand_written == "HTTP/1.1 200 OK"
    assert read_log(tmp_path) == "task: done\n"


def test_the_commands_on_the_page_print_what_the_page_shows(tmp_path):
    run_transcript(DOCS_SRC / "myths" / "route_without_leading_slash.console", tmp_path)
