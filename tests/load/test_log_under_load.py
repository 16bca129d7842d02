"""200 overlapping requests against a real server: every log line arrives, whole."""

import asyncio
import re
import time
from concurrent.futures import ThreadPoolExecutor

import httpx2

from tests.examples import serve_example

EXAMPLE = "dependencies/log_query_in_dependency"
REQUESTS = 200
TIME_LIMIT = 60  # seconds, for the whole burst on a 2-core machine


async def burst(base_url: str) -> list[httpx2.Response]:
    limits = httpx2.Limits(max_connections=REQUESTS)
    async with httpx2.AsyncClient(base_url=base_url, limits=limits, timeout=TIME_LIMIT) as client:
        calls = [
            client.post(f"/send-notification/user{i}@example.com", params={"q": f"item {i}"})
            for i in range(REQUESTS)
        ]
        return await asyncio.wait_for(asyncio.gather(*calls), TIME_LIMIT)


def expected_lines(i: int) -> list[str]:
    return [
        f"query: item {i}",
        f"message: news about item {i}",
        f"notification for user{i}@example.com: news about item {i}",
    ]


def test_concurrent_requests_lose_and_mangle_no_line(tmp_path):
    with serve_example(EXAMPLE, tmp_path) as base_url:
        # In a thread of its own: the session may already run an event loop.
        with ThreadPoolExecutor(1) as thread:
            responses = thread.submit(asyncio.run, burst(base_url)).result()
        assert [r.status_code for r in responses] == [200] * REQUESTS
        # The last tasks may still be writing when the last response arrives.
        log = tmp_path / "log.txt"
        want = 3 * REQUESTS
        for _ in range(100):
            if log.exists() and log.read_text(encoding="utf-8").count("\n") >= want:
                break
            time.sleep(0.05)

    text = log.read_text(encoding="utf-8")
    assert text.endswith("\n")
    lines = text.splitlines()
    assert len(lines) == want
    # Each line is whole: exactly one of the expected lines, none cut or merged.
    assert sorted(lines) == sorted(line for i in range(REQUESTS) for line in expected_lines(i))
    # Within a request, the tasks ran in the order they were added.
    for i in range(REQUESTS):
        own = [line for line in lines if re.search(rf"\bitem {i}$", line)]
        assert own == expected_lines(i)
