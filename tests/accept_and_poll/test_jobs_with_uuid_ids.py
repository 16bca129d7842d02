import sys
from uuid import UUID

import httpx2
import pytest
from fastapi.testclient import TestClient

from tests.accept_and_poll.clients import poll_until_finished, post_all_at_once
from tests.examples import DOCS_SRC, import_example, read_log, run_transcript, serve_example

EXAMPLE = "accept_and_poll/jobs_with_uuid_ids"
COFFEE_AND_TEA = {"csv": "coffee,3.50\ntea,2.25"}


@pytest.fixture
def short_jobs(monkeypatch):
    """The example's job takes no time: TestClient waits for it on every POST."""
    monkeypatch.setenv("JOB_SECONDS", "0")


# --8<-- [start:accept]
def test_a_job_is_accepted_with_an_id_and_a_location(short_jobs, run_example):
    app = run_example(EXAMPLE)

    accepted = app.client.post("/jobs", json=COFFEE_AND_TEA)

    assert accepted.status_code == 202
    job_id = UUID(accepted.json()["job_id"])
    assert job_id.version == 4
    assert accepted.headers["Location"] == f"http://testserver/jobs/{job_id}"
    # TestClient returns only once the task has run.
    status = app.client.get(accepted.headers["Location"])
    assert status.json() == {"status": "done", "result": {"lines": 2, "total": "5.75"}}
    assert app.log() == "job done: total 5.75\n"
    # --8<-- [end:accept]


# --8<-- [start:failed]
def test_a_bad_line_ends_the_job_failed_with_a_message(short_jobs, run_example):
    app = run_example(EXAMPLE)

    accepted = app.client.post("/jobs", json={"csv": "coffee,3.50\ntea,two"})

    assert accepted.status_code == 202
    status = app.client.get(accepted.headers["Location"])
    assert status.status_code == 200
    assert status.json() == {
        "status": "failed",
        "error": "line 2: 'two' is not an amount like 3.50",
    }
    # The client's text stays out of the log.
    assert app.log() == "job failed: bad data\n"
    # --8<-- [end:failed]


def test_each_job_gets_its_own_id(short_jobs, run_example):
    app = run_example(EXAMPLE)

    first = app.client.post("/jobs", json={"csv": "coffee,3.50"})
    second = app.client.post("/jobs", json={"csv": "tea,2.25"})

    assert first.json()["job_id"] != second.json()["job_id"]
    assert app.client.get(first.headers["Location"]).json()["result"]["total"] == "3.50"
    assert app.client.get(second.headers["Location"]).json()["result"]["total"] == "2.25"


# --8<-- [start:unknown]
def test_an_unknown_id_is_404_and_a_malformed_one_is_422(short_jobs, run_example):
    app = run_example(EXAMPLE)

    unknown = app.client.get("/jobs/00000000-0000-4000-8000-000000000000")
    malformed = app.client.get("/jobs/1")

    assert unknown.status_code == 404
    assert unknown.json() == {"detail": "Job not found"}
    assert malformed.status_code == 422
    error = malformed.json()["detail"][0]
    assert (error["loc"], error["type"]) == (["path", "job_id"], "uuid_parsing")
    # --8<-- [end:unknown]


@pytest.mark.parametrize(
    ("body", "error_type"),
    [
        ({"csv": ""}, "string_too_short"),
        ({"csv": "x,1.00\n" * 2000}, "string_too_long"),
        ({"text": "coffee,3.50"}, "missing"),
    ],
)
def test_bad_input_is_rejected_and_no_job_is_created(short_jobs, run_example, body, error_type):
    app = run_example(EXAMPLE)

    response = app.client.post("/jobs", json=body)

    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == error_type
    assert "Location" not in response.headers
    assert sys.modules["docs_src.accept_and_poll.jobs_with_uuid_ids"].jobs == {}
    assert app.log() == ""


def test_a_crash_in_the_job_still_ends_it_failed(short_jobs, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    example = import_example(EXAMPLE)

    def crash(csv: str) -> dict:
        raise RuntimeError("a bug in the job")

    monkeypatch.setattr(example, "add_up", crash)
    with TestClient(example.app) as client:
        # The task hands the error on: TestClient raises it where a server would log it.
        with pytest.raises(RuntimeError, match="a bug in the job"):
            client.post("/jobs", json=COFFEE_AND_TEA)
        [job_id] = example.jobs
        status = client.get(f"/jobs/{job_id}")

    # Without the broad except, nothing would ever replace "pending".
    assert status.json() == {"status": "failed", "error": "internal error"}
    assert read_log(tmp_path) == ""


# --8<-- [start:pending]
def test_the_job_is_pending_until_its_task_has_run(monkeypatch, tmp_path):
    monkeypatch.setenv("JOB_SECONDS", "0.5")
    # A real server answers before the task runs, so "pending" can be seen.
    with serve_example(EXAMPLE, tmp_path) as url:
        accepted = httpx2.post(f"{url}/jobs", json=COFFEE_AND_TEA, timeout=10)
        location = accepted.headers["Location"]
        at_once = httpx2.get(location, timeout=10)
        [finished] = poll_until_finished(location)

    assert accepted.status_code == 202
    assert location == f"{url}/jobs/{accepted.json()['job_id']}"
    assert at_once.json() == {"status": "pending"}
    assert finished == {"status": "done", "result": {"lines": 2, "total": "5.75"}}
    # --8<-- [end:pending]


# --8<-- [start:concurrent]
def test_many_jobs_at_once_get_distinct_ids_and_all_end_done(monkeypatch, tmp_path):
    monkeypatch.setenv("JOB_SECONDS", "0.2")
    bodies = [{"csv": f"item,{i}.00"} for i in range(1, 31)]

    with serve_example(EXAMPLE, tmp_path) as url:
        responses = post_all_at_once(f"{url}/jobs", bodies)
        finished = poll_until_finished(*(r.headers["Location"] for r in responses))

    assert [r.status_code for r in responses] == [202] * 30
    assert len({r.json()["job_id"] for r in responses}) == 30
    # Each id leads to its own request's job, not to another one's.
    totals = [job["result"]["total"] for job in finished if job["status"] == "done"]
    assert totals == [f"{i}.00" for i in range(1, 31)]
    # --8<-- [end:concurrent]


def test_the_commands_on_the_page_print_what_the_page_shows(monkeypatch, tmp_path):
    # The page's one second: the GET in the same line as the POST must find it pending.
    monkeypatch.delenv("JOB_SECONDS", raising=False)
    run_transcript(DOCS_SRC / "accept_and_poll" / "jobs_with_uuid_ids.console", tmp_path)
