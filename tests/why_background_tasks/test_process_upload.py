import json
import time

import httpx2
import pytest

from tests.examples import DOCS_SRC, run_transcript, serve_example

EXAMPLE = "why_background_tasks/process_upload"
NOTES = {"name": "notes.txt", "content": "the answer comes before the work"}


# --8<-- [start:test]
def test_upload_is_accepted_then_processed(run_example):
    app = run_example(EXAMPLE)

    response = app.client.post("/uploads", json=NOTES)

    assert response.status_code == 202
    assert response.json() == {"id": 1, "status_url": "/uploads/1"}
    # TestClient returns only once the background tasks have run.
    assert app.log() == "upload 1 (notes.txt): 6 words\n"
    status = app.client.get("/uploads/1")
    assert status.json() == {"id": 1, "status": "done", "words": 6}
    # --8<-- [end:test]


def test_each_upload_gets_its_own_id_and_line(run_example):
    app = run_example(EXAMPLE)

    first = app.client.post("/uploads", json=NOTES)
    second = app.client.post("/uploads", json={"name": "todo.md", "content": "write\ntests"})

    assert first.json()["id"] == 1
    assert second.json() == {"id": 2, "status_url": "/uploads/2"}
    assert app.log_lines() == [
        "upload 1 (notes.txt): 6 words",
        "upload 2 (todo.md): 2 words",
    ]


def test_an_unknown_upload_has_no_status(run_example):
    app = run_example(EXAMPLE)

    response = app.client.get("/uploads/1")

    assert response.status_code == 404
    assert response.json() == {"detail": "Upload not found"}


@pytest.mark.parametrize(
    ("upload", "field", "error_type"),
    [
        ({"name": "notes.txt", "content": ""}, "content", "string_too_short"),
        ({"name": "notes.txt", "content": "x" * 10_001}, "content", "string_too_long"),
        ({"name": "", "content": "hello"}, "name", "string_pattern_mismatch"),
        ({"name": "../notes.txt", "content": "hello"}, "name", "string_pattern_mismatch"),
        ({"name": "a\nupload 9 (b): 0", "content": "hi"}, "name", "string_pattern_mismatch"),
    ],
)
def test_a_bad_upload_is_rejected_and_nothing_is_logged(run_example, upload, field, error_type):
    app = run_example(EXAMPLE)

    response = app.client.post("/uploads", json=upload)

    assert response.status_code == 422
    error = response.json()["detail"][0]
    assert error["loc"] == ["body", field]
    assert error["type"] == error_type
    assert app.log() == ""
    # The function never ran, so no id was handed out either.
    assert app.client.get("/uploads/1").status_code == 404


def test_json_sent_as_form_data_is_rejected(run_example):
    app = run_example(EXAMPLE)

    # What `curl -d '...'` sends when -H 'Content-Type: application/json' is missing.
    response = app.client.post(
        "/uploads",
        content=json.dumps(NOTES),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )

    assert response.status_code == 422
    error = response.json()["detail"][0]
    assert error["loc"] == ["body"]
    assert error["type"] == "model_attributes_type"
    assert error["msg"] == "Input should be a valid dictionary or object to extract fields from"
    assert app.log() == ""


def test_a_restart_forgets_the_status_but_not_the_log(tmp_path):
    with serve_example(EXAMPLE, tmp_path) as url:
        accepted = httpx2.post(f"{url}/uploads", json=NOTES, timeout=10)
        assert accepted.status_code == 202
        deadline = time.monotonic() + 10
        while httpx2.get(f"{url}/uploads/1", timeout=10).json()["status"] != "done":
            assert time.monotonic() < deadline, "the task never finished"
            time.sleep(0.05)

    with serve_example(EXAMPLE, tmp_path) as url:
        after_restart = httpx2.get(f"{url}/uploads/1", timeout=10)

    assert after_restart.status_code == 404
    assert (tmp_path / "log.txt").read_text(encoding="utf-8") == "upload 1 (notes.txt): 6 words\n"


def test_each_process_counts_its_own_upload_ids(tmp_path):
    # Two processes of the app, each on its own port, stand for two workers.
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with (
        serve_example(EXAMPLE, tmp_path / "a") as worker_a,
        serve_example(EXAMPLE, tmp_path / "b") as worker_b,
    ):
        mine = httpx2.post(f"{worker_a}/uploads", json=NOTES, timeout=10)
        other = {"name": "todo.md", "content": "write tests"}
        theirs = httpx2.post(f"{worker_b}/uploads", json=other, timeout=10)
        deadline = time.monotonic() + 10
        while httpx2.get(f"{worker_b}/uploads/1", timeout=10).json()["status"] != "done":
            assert time.monotonic() < deadline, "the task never finished"
            time.sleep(0.05)
        status_in_b = httpx2.get(f"{worker_b}/uploads/1", timeout=10)

    assert mine.json()["id"] == theirs.json()["id"] == 1
    # Asked the other worker, /uploads/1 reports the other upload, with a 200.
    assert status_in_b.json() == {"id": 1, "status": "done", "words": 2}


def test_the_commands_on_the_page_print_what_the_page_shows(tmp_path):
    run_transcript(DOCS_SRC / "why_background_tasks" / "process_upload.console", tmp_path)
