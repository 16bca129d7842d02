"""How an idle Celery worker on Redis waits for jobs, and when it reads SIGTERM.

The worker fixture of tests/celery_servers.py relies on both to stop workers
without waiting a second for each.
"""

import signal
import time

import redis

from tests.celery_servers import end_waits_for_jobs

ATTEMPTS = 3  # a machine too busy to look in time gets another worker


def next_brpop(monitor) -> dict:
    """The next BRPOP this Redis receives, as MONITOR reports it."""
    while True:
        command = monitor.next_command()
        if command["command"].startswith("BRPOP "):
            return command


def test_an_idle_worker_waits_a_second_at_a_time_and_reads_sigterm_when_a_wait_ends(
    start_worker, redis_port
):
    with redis.Redis(port=redis_port) as client:
        for _ in range(ATTEMPTS):
            worker = start_worker()
            with client.monitor() as monitor:
                first, second = next_brpop(monitor), next_brpop(monitor)
            worker.process.send_signal(signal.SIGTERM)
            time.sleep(0.2)
            if time.time() - second["time"] < 0.8:  # the second wait cannot have ended yet
                break
            worker.process.wait(timeout=10)
        else:
            raise AssertionError(f"never looked within 0.8 s of a BRPOP in {ATTEMPTS} attempts")

        # BRPOP <queues...> <timeout>: it waits a second, then asks again.
        assert first["command"].split()[-1] == "1"
        assert second["time"] - first["time"] > 0.9
        # SIGTERM came while it waited: it is still waiting.
        assert worker.process.poll() is None, "the worker stopped before its wait ended"
        assert [c["flags"] for c in client.client_list() if c["cmd"] == "brpop"] == ["b"]

        end_waits_for_jobs(redis_port)
        assert worker.process.wait(timeout=5) == 0
