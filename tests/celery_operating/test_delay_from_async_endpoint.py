import time
from concurrent.futures import ThreadPoolExecutor

import httpx2
import pytest

from tests.examples import start_example, wait_for

PAUSE = 2.0  # seconds during which Redis holds every write command back


def blocked_clients(redis_client) -> int:
    return redis_client.info("clients")["blocked_clients"]


# --8<-- [start:measure]
def ping_while_redis_is_slow(example, redis_port, redis_client, tmp_path) -> dict:
    with start_example(example, tmp_path, redis_port=redis_port) as server:
        # A first job, so the app's connections to Redis are open already.
        httpx2.post(f"{server.url}/send-notification/ada@example.com", timeout=10)
        paused_at = time.monotonic()
        redis_client.execute_command("CLIENT", "PAUSE", int(PAUSE * 1000), "WRITE")
        with ThreadPoolExecutor(max_workers=1) as client:
            queued = client.submit(
                httpx2.post, f"{server.url}/send-notification/grace@example.com", timeout=10
            )
            # The app's .delay() is now waiting for Redis to take the job.
            wait_for(lambda: blocked_clients(redis_client) == 1, 5, "the job to be held")
            sent_at = time.monotonic()
            ping = httpx2.get(f"{server.url}/ping", timeout=10)
            answered_at = time.monotonic()
            assert queued.result().status_code == 202
        # uvicorn logs each request as it answers it: was the job's first?
        server.expect(['... "GET /ping HTTP/1.1" 200 OK'])
        job_first = any("POST /send-notification/grace" in line for line in server.printed[:-1])
    assert ping.json() == {"ping": "pong"}
    return {
        "ping took": answered_at - sent_at,
        "ping answered after the pause began": answered_at - paused_at,
        "the job was queued first": job_first,
    }
    # --8<-- [end:measure]


# --8<-- [start:blocking]
def test_delay_in_an_async_endpoint_holds_up_every_other_request(
    redis_port, redis_client, tmp_path
):
    timing = ping_while_redis_is_slow(
        "celery_operating/queue_from_async_endpoint", redis_port, redis_client, tmp_path
    )

    # /ping waited for the end of the pause, behind the endpoint's .delay().
    assert timing["ping answered after the pause began"] >= PAUSE
    assert timing["the job was queued first"]
    # --8<-- [end:blocking]


# --8<-- [start:threadpool]
def test_delay_in_the_threadpool_leaves_the_event_loop_free(redis_port, redis_client, tmp_path):
    timing = ping_while_redis_is_slow(
        "celery_operating/queue_from_async_endpoint_in_threadpool",
        redis_port,
        redis_client,
        tmp_path,
    )

    # /ping was answered at once, while the job was still waiting for Redis.
    assert timing["ping took"] < 0.5 * PAUSE
    assert not timing["the job was queued first"]
    # --8<-- [end:threadpool]


@pytest.mark.parametrize(
    "example",
    [
        "celery_operating/queue_from_async_endpoint",
        "celery_operating/queue_from_async_endpoint_in_threadpool",
    ],
)
def test_a_bad_address_is_rejected_and_nothing_is_queued(
    example, celery_env, run_example, redis_client
):
    app = run_example(example)

    response = app.client.post("/send-notification/ada%0Aforged@example.com")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "email"]
    assert redis_client.llen("celery") == 0
