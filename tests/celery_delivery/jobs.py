"""What the delivery lesson's tests look at: the runs a worker printed, Redis, processes."""

from __future__ import annotations

import fcntl
import multiprocessing
import re
import time
from pathlib import Path

import redis

from tests.celery_servers import Worker
from tests.examples import wait_for

# The line each task logs as it starts a run (the worker prints it).
RUN = re.compile(r"rendering notification (\S+) in process (\d+)")
QUEUE = "celery"  # the Redis list where waiting jobs are kept
UNACKED = "unacked"  # the Redis hash where kombu keeps jobs taken but not acknowledged
# Seconds to wait for what a worker does: on a loaded machine, a worker may
# notice a dead pool process only at its next check, 5 s later.
PATIENCE = 15
# For a worker the test kills: its job renders long enough to be killed halfway.
TIME_TO_KILL = {"RENDER_SECONDS": "5"}
# For the worker that runs the job again: no need to wait.
QUICK_RERUN = {"RENDER_SECONDS": "0"}


def runs(notification_id: str, *workers: Worker) -> list[int]:
    """The process ids that started a run of this notification, in order, per worker."""
    return [
        int(pid)
        for worker in workers
        for found, pid in RUN.findall(worker.printed())
        if found == notification_id
    ]


def wait_for_run(notification_id: str, *workers: Worker, count: int = 1) -> int:
    """Wait until ``count`` runs have started; return the process id of the last one."""
    wait_for(
        lambda: len(runs(notification_id, *workers)) >= count,
        timeout=PATIENCE,
        what=f"run {count} of notification {notification_id}",
    )
    return runs(notification_id, *workers)[count - 1]


def jobs_in_redis(client: redis.Redis) -> dict[str, int]:
    """Every copy of a job that Redis could still hand to a worker."""
    return {"waiting": client.llen(QUEUE), "unacknowledged": client.hlen(UNACKED)}


def every_copy_ran(worker: Worker, client: redis.Redis) -> bool:
    """True once each copy the worker received has finished and Redis holds none."""
    printed = worker.printed()
    finished = printed.count("] received") == printed.count("] succeeded in")
    return finished and jobs_in_redis(client) == {"waiting": 0, "unacknowledged": 0}


def is_running(pid: int) -> bool:
    """True while the process exists and is not a zombie (dead, not yet reaped)."""
    stat = Path(f"/proc/{pid}/stat")
    try:
        return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def waits_for_lock(path: Path) -> bool:
    """True while a process waits to lock this file (Linux lists it in /proc/locks)."""
    inode = path.stat().st_ino
    return any(
        "->" in line.split()[:2] and line.split()[-3].endswith(f":{inode}")
        for line in Path("/proc/locks").read_text().splitlines()
    )


def _lock_write_and_wait(path: Path, line: str, locked) -> None:
    with path.open("a", encoding="utf-8") as log:
        fcntl.flock(log, fcntl.LOCK_EX)
        log.write(line + "\n")
        log.flush()
        locked.set()
        time.sleep(60)  # until the test kills this process


def lock_and_write(path: Path, line: str) -> multiprocessing.Process:
    """Another process that locks the log, writes a line, and holds the lock until killed."""
    context = multiprocessing.get_context("spawn")
    locked = context.Event()
    process = context.Process(target=_lock_write_and_wait, args=(path, line, locked), daemon=True)
    process.start()
    assert locked.wait(timeout=10), "the other process never took the lock"
    return process
