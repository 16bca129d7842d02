"""Many requests at once against a real server, and polling jobs until they end."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import httpx2

from tests.examples import wait_for

TIME_LIMIT = 30  # seconds, for a whole burst on a loaded 2-core machine


def post_all_at_once(url: str, bodies: list[dict]) -> list[httpx2.Response]:
    """POST every body to url at the same moment, each on its own connection."""

    async def burst() -> list[httpx2.Response]:
        limits = httpx2.Limits(max_connections=len(bodies))
        async with httpx2.AsyncClient(limits=limits, timeout=TIME_LIMIT) as client:
            calls = [client.post(url, json=body) for body in bodies]
            return await asyncio.wait_for(asyncio.gather(*calls), TIME_LIMIT)

    # In a thread of its own: the test session may already run an event loop.
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, burst()).result()


def poll_until_finished(*urls: str, timeout: float = 10) -> list[dict]:
    """GET each job's URL until its status is no longer "pending"; return the statuses."""
    finished: dict[str, dict] = {}
    with httpx2.Client(timeout=10) as client:

        def all_finished() -> bool:
            for url in urls:
                if url not in finished:
                    job = client.get(url).json()
                    if job["status"] != "pending":
                        finished[url] = job
            return len(finished) == len(urls)

        wait_for(all_finished, timeout, "every job to finish")
    return [finished[url] for url in urls]
