#!/usr/bin/env python3
"""Time a client's wait for a slow job, done inline or as a background task.

Starts each example app of docs_src/measure/ with uvicorn on a free loopback
port, sends it one request to warm up and then --requests requests one after
another, and times each response. Waits until every job has written its line
to the log, so no job is skipped, then stops the server.

Prints the median and the 95th percentile (nearest rank) of each variant,
draws them as an SVG chart, and with --json writes every figure and the
machine they were measured on.

Needs what scripts/setup.sh installs.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from xml.sax.saxutils import escape

import httpx2

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.project import ROOT, format_table, free_port  # noqa: E402


@dataclass(frozen=True)
class Variant:
    name: str
    label: str
    app: str


VARIANTS = (
    Variant("inline", "job inline", "docs_src.measure.job_inline:app"),
    Variant("background", "background task", "docs_src.measure.job_in_background:app"),
)
ENDPOINT = "/reports"
LOG = "log.txt"
STARTUP_TIMEOUT = 20.0  # seconds for uvicorn to answer, on a slow machine
PACKAGES = ("fastapi", "starlette", "uvicorn", "httpx2")


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest rank: the smallest sample that is at least ``fraction`` of all samples."""
    ordered = sorted(samples)
    return ordered[max(math.ceil(fraction * len(ordered)), 1) - 1]


def wait_until(check, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise SystemExit(f"gave up after {timeout:.0f} s waiting for {what}")
        time.sleep(0.05)


# --8<-- [start:timing]
def time_responses(client: httpx2.Client, requests: int) -> list[float]:
    """POST once to warm up, then time ``requests`` POSTs one after another, in ms."""
    client.post(ENDPOINT).raise_for_status()  # opens the connection; not timed
    samples = []
    for _ in range(requests):
        start = time.perf_counter()
        client.post(ENDPOINT).raise_for_status()
        # Rounded once, here: the JSON's figures follow from its samples.
        samples.append(round((time.perf_counter() - start) * 1000, 2))
    return samples


def wait_for_jobs(log: Path, jobs: int, job_seconds: float) -> None:
    """Wait until every job has written its line: a fast answer must not mean a skipped job."""

    def all_written() -> bool:
        return log.exists() and log.read_text().count("\n") == jobs

    wait_until(all_written, jobs * job_seconds + 30, "every job to finish")


# --8<-- [end:timing]


def measure(variant: Variant, requests: int, job_seconds: float) -> dict:
    """Serve one variant and time ``requests`` responses, in milliseconds."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "JOB_SECONDS": str(job_seconds)}
    command = [sys.executable, "-m", "uvicorn", variant.app, "--port", str(port)]
    with tempfile.TemporaryDirectory() as workdir:
        output = Path(workdir) / "uvicorn.txt"
        with output.open("w") as out:
            server = subprocess.Popen(
                [*command, "--log-level", "warning"],
                cwd=workdir,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        try:
            with httpx2.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:

                def answers() -> bool:
                    if server.poll() is not None:
                        raise SystemExit(f"{variant.app} exited:\n{output.read_text()}")
                    try:
                        client.get("/")
                    except httpx2.TransportError:
                        return False
                    return True

                wait_until(answers, STARTUP_TIMEOUT, f"{variant.app} to start")
                samples = time_responses(client, requests)
            wait_for_jobs(Path(workdir) / LOG, requests + 1, job_seconds)
        finally:
            server.terminate()
            server.wait(timeout=30)
    return {
        "name": variant.name,
        "label": variant.label,
        "app": variant.app,
        "median_ms": round(statistics.median(samples), 1),
        "p95_ms": round(percentile(samples, 0.95), 1),
        "samples_ms": samples,
        "jobs_done": requests + 1,
    }


def machine() -> dict:
    try:
        system = platform.freedesktop_os_release()["PRETTY_NAME"]
    except (OSError, KeyError):
        system = f"{platform.system()} {platform.release()}"
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "os": system,
        "kernel": f"{platform.system()} {platform.release()} {platform.machine()}",
        # Other work on the machine when the measurement started.
        "load_average_1min": round(os.getloadavg()[0], 2),
    }


# --- The chart ---------------------------------------------------------------
# Mid-tone colours, each about 4:1 against a white page and against Material's
# dark (slate) page: the chart is an <img>, so it cannot follow the page's theme.
TEXT = "#7f7f7f"
COLOURS = {"median_ms": "#00897b", "p95_ms": "#e65100"}
SERIES = {"median_ms": "median", "p95_ms": "95th percentile"}
WIDTH, LEFT, RIGHT = 720, 150, 90  # room for the labels on each side
BAR, GAP, GROUP_GAP = 20, 6, 26
TOP = 86


def nice_step(largest: float) -> float:
    """A step of 1, 2 or 5 times a power of ten that cuts the axis into 4 to 10 parts."""
    raw = max(largest, 1e-9) / 5
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def number(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def render_svg(figures: dict) -> str:
    variants = figures["variants"]
    step = nice_step(max(v[key] for v in variants for key in SERIES))
    axis_max = step * math.ceil(max(v[key] for v in variants for key in SERIES) / step)
    plot_width = WIDTH - LEFT - RIGHT
    group_height = len(SERIES) * BAR + (len(SERIES) - 1) * GAP
    axis_y = TOP + len(variants) * (group_height + GROUP_GAP)
    height = axis_y + 76

    def x(value: float) -> float:
        return LEFT + plot_width * value / axis_max

    m = figures["machine"]
    measured_on = f"{m['cpus']} CPUs, Python {m['python']}, {m['os']}"
    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="14" '
        f'role="img" aria-labelledby="title">',
        "<!-- Drawn by scripts/measure_latency.py; do not edit by hand. -->",
        f'<title id="title">Response time of POST {ENDPOINT}: median and 95th percentile '
        f"of {figures['requests']} requests, a job inline and as a background task</title>",
        f'<text x="{LEFT}" y="26" font-size="16" font-weight="bold" fill="{TEXT}">'
        f"Response time of POST {ENDPOINT}, {figures['requests']} requests each</text>",
        f'<text x="{LEFT}" y="48" fill="{TEXT}">the job takes {number(figures["job_seconds"])} s;'
        " shorter is better</text>",
    ]
    legend_x = LEFT
    for key, name in SERIES.items():
        lines.append(
            f'<rect x="{legend_x}" y="60" width="14" height="14" fill="{COLOURS[key]}"/>'
            f'<text x="{legend_x + 20}" y="72" fill="{TEXT}">{name}</text>'
        )
        legend_x += 40 + 9 * len(name)
    ticks = round(axis_max / step)
    for i in range(ticks + 1):
        tick = i * step
        lines.append(
            f'<line x1="{x(tick):.1f}" y1="{TOP - 6}" x2="{x(tick):.1f}" y2="{axis_y}" '
            f'stroke="{TEXT}" stroke-opacity="0.35" stroke-dasharray="3 3"/>'
            f'<text x="{x(tick):.1f}" y="{axis_y + 20}" text-anchor="middle" '
            f'fill="{TEXT}">{number(tick)}</text>'
        )
    y = TOP
    for variant in variants:
        lines.append(
            f'<text x="{LEFT - 10}" y="{y + group_height / 2 + 5:.1f}" text-anchor="end" '
            f'font-weight="bold" fill="{TEXT}">{escape(variant["label"])}</text>'
        )
        for key in SERIES:
            width = max(x(variant[key]) - LEFT, 1.5)  # a bar near zero stays visible
            lines.append(
                f'<rect x="{LEFT}" y="{y}" width="{width:.1f}" height="{BAR}" '
                f'fill="{COLOURS[key]}"/>'
                f'<text x="{LEFT + width + 6:.1f}" y="{y + BAR - 5}" '
                f'fill="{TEXT}">{variant[key]:.1f} ms</text>'
            )
            y += BAR + GAP
        y += GROUP_GAP - GAP
    lines += [
        f'<line x1="{LEFT}" y1="{TOP - 6}" x2="{LEFT}" y2="{axis_y}" stroke="{TEXT}"/>',
        f'<line x1="{LEFT}" y1="{axis_y}" x2="{WIDTH - RIGHT}" y2="{axis_y}" stroke="{TEXT}"/>',
        f'<text x="{LEFT + plot_width / 2:.1f}" y="{axis_y + 42}" text-anchor="middle" '
        f'fill="{TEXT}">milliseconds until the response</text>',
        f'<text x="{LEFT}" y="{axis_y + 66}" font-size="12" fill="{TEXT}">'
        f"{escape(measured_on)}</text>",
        "</svg>",
    ]
    return "\n".join(lines) + "\n"


def table(figures: dict) -> str:
    rows = [
        (v["label"], str(figures["requests"]), f"{v['median_ms']:.1f} ms", f"{v['p95_ms']:.1f} ms")
        for v in figures["variants"]
    ]
    return format_table(("variant", "requests", "median", "95th percentile"), rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--requests",
        type=int,
        default=20,
        metavar="N",
        help="timed requests per variant (default 20)",
    )
    parser.add_argument(
        "--job-seconds",
        type=float,
        default=1.0,
        metavar="S",
        help="seconds the job takes (default 1)",
    )
    parser.add_argument(
        "--svg",
        type=Path,
        default=Path("latency.svg"),
        metavar="PATH",
        help="where to write the chart (default latency.svg)",
    )
    parser.add_argument(
        "--json", type=Path, metavar="PATH", help="where to write every figure (default: nowhere)"
    )
    args = parser.parse_args(argv)
    if args.requests < 1 or args.job_seconds < 0:
        parser.error("--requests must be at least 1 and --job-seconds not negative")
    # Fail now, not after the measurement, if a folder is missing.
    for path in (args.svg, args.json):
        if path:
            path.parent.mkdir(parents=True, exist_ok=True)

    figures = {
        "machine": machine(),
        "packages": {name: version(name) for name in PACKAGES},
        "requests": args.requests,
        "job_seconds": args.job_seconds,
        "variants": [measure(v, args.requests, args.job_seconds) for v in VARIANTS],
    }
    inline, background = (v["median_ms"] for v in figures["variants"])
    print(table(figures))
    print()
    print(f"The background task answers {inline / background:.0f} times faster (median).")
    args.svg.write_text(render_svg(figures), encoding="utf-8")
    print(f"Chart written to {args.svg}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(f"Figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
