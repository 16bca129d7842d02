"""Two processes of one app stand for two workers; a restart is a stop and a start.

Each process gets its own port, so the test decides which one a request
reaches, instead of leaving it to how the kernel spreads connections.
"""

import re
import subprocess

import httpx2

from tests.accept_and_poll.clients import poll_until_finished
from tests.examples import (
    STARTUP_TIMEOUT,
    command_env,
    free_port,
    serve_example,
    stop,
    wait_for,
)

UUID_EXAMPLE = "accept_and_poll/jobs_with_uuid_ids"
COUNTER_EXAMPLE = "accept_and_poll/jobs_with_counter_ids"
STARTED = re.compile(r"^INFO: +Started server process \[(\d+)\]$", re.M)


# --8<-- [start:other_process]
def test_a_job_is_unknown_to_another_process(monkeypatch, tmp_path):
    monkeypatch.setenv("JOB_SECONDS", "0")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()

    with (
        serve_example(UUID_EXAMPLE, tmp_path / "a") as worker_a,
        serve_example(UUID_EXAMPLE, tmp_path / "b") as worker_b,
    ):
        accepted = httpx2.post(f"{worker_a}/jobs", json={"csv": "coffee,3.50"}, timeout=10)
        job_path = f"/jobs/{accepted.json()['job_id']}"
        [in_a] = poll_until_finished(worker_a + job_path)
        in_b = httpx2.get(worker_b + job_path, timeout=10)

    assert in_a == {"status": "done", "result": {"lines": 1, "total": "3.50"}}
    assert in_b.status_code == 404
    # --8<-- [end:other_process]


# --8<-- [start:counter]
def test_a_counted_id_names_another_job_in_another_process(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()

    with (
        serve_example(COUNTER_EXAMPLE, tmp_path / "a") as worker_a,
        serve_example(COUNTER_EXAMPLE, tmp_path / "b") as worker_b,
    ):
        mine = httpx2.post(f"{worker_a}/jobs", json={"text": "one two three"}, timeout=10)
        theirs = httpx2.post(f"{worker_b}/jobs", json={"text": "four five"}, timeout=10)
        poll_until_finished(f"{worker_a}/jobs/1", f"{worker_b}/jobs/1")
        in_a = httpx2.get(f"{worker_a}/jobs/1", timeout=10)
        in_b = httpx2.get(f"{worker_b}/jobs/1", timeout=10)

    # Both processes counted from 1: the same id, two different jobs.
    assert mine.json() == theirs.json() == {"job_id": 1}
    assert in_a.json() == {"status": "done", "result": {"words": 3}}
    # A poll that reaches the other process gets a 200 and someone else's result.
    assert in_b.status_code == 200
    assert in_b.json() == {"status": "done", "result": {"words": 2}}
    # --8<-- [end:counter]


# --8<-- [start:restart]
def test_a_restart_loses_every_job(monkeypatch, tmp_path):
    monkeypatch.setenv("JOB_SECONDS", "0")

    with serve_example(UUID_EXAMPLE, tmp_path) as url:
        accepted = httpx2.post(f"{url}/jobs", json={"csv": "coffee,3.50"}, timeout=10)
        job_path = f"/jobs/{accepted.json()['job_id']}"
        [before] = poll_until_finished(url + job_path)

    with serve_example(UUID_EXAMPLE, tmp_path) as url:
        after = httpx2.get(url + job_path, timeout=10)

    assert before["status"] == "done"
    assert after.status_code == 404
    # The work was done, and the log says so; only its status is gone.
    assert (tmp_path / "log.txt").read_text(encoding="utf-8") == "job done: total 3.50\n"
    # --8<-- [end:restart]


def test_uvicorn_workers_are_separate_processes(tmp_path):
    port = free_port()
    command = ["uvicorn", f"docs_src.{UUID_EXAMPLE.replace('/', '.')}:app", "--workers", "2"]
    output = tmp_path / "uvicorn.txt"
    with output.open("w") as out:
        process = subprocess.Popen(
            [*command, "--port", str(port)],
            cwd=tmp_path,
            env=command_env(port),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:

        def two_servers_started() -> list[str]:
            assert process.poll() is None, output.read_text(encoding="utf-8")
            started = STARTED.findall(output.read_text(encoding="utf-8"))
            return started if len(started) == 2 else []

        servers = wait_for(two_servers_started, STARTUP_TIMEOUT, "two server processes")
    finally:
        stop(process, "uvicorn --workers 2")

    # Two processes, neither of them the one the command started: two memories.
    assert len(set(servers)) == 2
    assert str(process.pid) not in servers
