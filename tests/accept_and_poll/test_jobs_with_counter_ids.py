import threading

import pytest

from tests.accept_and_poll.clients import post_all_at_once
from tests.examples import serve_example

EXAMPLE = "accept_and_poll/jobs_with_counter_ids"


def test_ids_count_up_from_one(run_example):
    app = run_example(EXAMPLE)

    first = app.client.post("/jobs", json={"text": "one two three"})
    second = app.client.post("/jobs", json={"text": "four five"})

    assert (first.status_code, first.json()) == (202, {"job_id": 1})
    assert second.json() == {"job_id": 2}
    assert app.client.get("/jobs/1").json() == {"status": "done", "result": {"words": 3}}
    assert app.client.get("/jobs/2").json() == {"status": "done", "result": {"words": 2}}


def test_an_unknown_id_is_404_and_a_malformed_one_is_422(run_example):
    app = run_example(EXAMPLE)

    assert app.client.get("/jobs/1").status_code == 404
    malformed = app.client.get("/jobs/one")
    assert malformed.status_code == 422
    assert malformed.json()["detail"][0]["type"] == "int_parsing"


@pytest.mark.parametrize("text", ["", "x" * 10_001])
def test_bad_input_is_rejected_and_takes_no_id(run_example, text):
    app = run_example(EXAMPLE)

    assert app.client.post("/jobs", json={"text": text}).status_code == 422
    assert app.client.post("/jobs", json={"text": "ok"}).json() == {"job_id": 1}


def test_the_def_endpoint_takes_its_id_in_a_worker_thread(run_example, monkeypatch):
    app = run_example(EXAMPLE)
    example = __import__("sys").modules["docs_src.accept_and_poll.jobs_with_counter_ids"]
    threads: list[str] = []
    lock = example.job_id_lock

    class WatchedLock:
        def __enter__(self):
            threads.append(threading.current_thread().name)
            return lock.__enter__()

        def __exit__(self, *exc_info):
            return lock.__exit__(*exc_info)

    monkeypatch.setattr(example, "job_id_lock", WatchedLock())
    app.client.post("/jobs", json={"text": "hello"})

    # Not the event loop's thread: one of AnyIO's pool, shared by every request.
    assert threads == ["AnyIO worker thread"]


# --8<-- [start:concurrent]
def test_many_jobs_at_once_get_distinct_ids_in_one_process(tmp_path):
    bodies = [{"text": "word " * i} for i in range(1, 31)]

    with serve_example(EXAMPLE, tmp_path) as url:
        responses = post_all_at_once(f"{url}/jobs", bodies)

    # The lock hands out every number once: 1 to 30, none twice.
    assert sorted(r.json()["job_id"] for r in responses) == list(range(1, 31))
    # --8<-- [end:concurrent]
