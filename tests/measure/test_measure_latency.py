import json
import re
import statistics
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

import pytest

from scripts import measure_latency
from scripts.project import DOCS, ROOT
from tests.examples import DOCS_SRC, run_transcript

SCRIPT = ROOT / "scripts" / "measure_latency.py"
# The run shown on the page, and the chart drawn from it.
RESULTS = ROOT / "docs_src" / "measure" / "latency_on_this_machine.json"
CHART = ROOT / "overrides" / "assets" / "images" / "measure-latency.svg"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def short_jobs(monkeypatch):
    monkeypatch.setenv("JOB_SECONDS", "0")


def test_the_inline_job_answers_once_it_is_done(short_jobs, run_example):
    app = run_example("measure/job_inline")

    response = app.client.post("/reports")

    assert (response.status_code, response.json()) == (201, {"report": "built"})
    assert app.log() == "report built\n"


def test_the_background_job_answers_first_and_is_done_after(short_jobs, run_example):
    app = run_example("measure/job_in_background")

    response = app.client.post("/reports")

    assert (response.status_code, response.json()) == (202, {"report": "building"})
    # TestClient returns only once the background tasks have run.
    assert app.log() == "report built\n"


# --8<-- [start:testclient]
def test_testclient_waits_for_the_background_task(monkeypatch, run_example):
    monkeypatch.setenv("JOB_SECONDS", "0.3")
    app = run_example("measure/job_in_background")

    start = time.perf_counter()
    response = app.client.post("/reports")
    waited = time.perf_counter() - start

    assert response.status_code == 202
    # TestClient hands the response back only after the task: no sign of the gain.
    assert waited >= 0.3
    assert app.log() == "report built\n"
    # --8<-- [end:testclient]


@pytest.mark.parametrize("example", ["measure/job_inline", "measure/job_in_background"])
def test_the_job_takes_one_second_unless_told_otherwise(monkeypatch, run_example, example):
    monkeypatch.delenv("JOB_SECONDS", raising=False)
    run_example(example)

    assert sys.modules[f"docs_src.{example.replace('/', '.')}"].JOB_SECONDS == 1.0


# --8<-- [start:test]
def test_a_background_task_answers_at_least_ten_times_faster(tmp_path):
    chart, figures = tmp_path / "latency.svg", tmp_path / "latency.json"
    command = [sys.executable, str(SCRIPT), "--requests", "5", "--job-seconds", "0.4"]

    done = subprocess.run(
        [*command, "--svg", str(chart), "--json", str(figures)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 0, done.stderr
    inline, background = json.loads(figures.read_text(encoding="utf-8"))["variants"]
    # Inline, the client waits for the job; in the background, it does not.
    assert inline["median_ms"] >= 400
    assert background["median_ms"] * 10 <= inline["median_ms"]
    # Every job ran, in both variants: the warm-up request's and the 5 timed ones.
    assert inline["jobs_done"] == background["jobs_done"] == 6
    texts = [t.text for t in ET.parse(chart).getroot().iter(f"{SVG}text")]
    assert {"job inline", "background task", "median", "95th percentile"} <= set(texts)
    assert f"{background['median_ms']:.1f} ms" in texts
    assert "background task" in done.stdout
    # --8<-- [end:test]


def test_percentiles_are_nearest_rank():
    samples = [float(n) for n in range(20, 0, -1)]

    assert measure_latency.percentile(samples, 0.95) == 19.0
    assert measure_latency.percentile(samples, 0.5) == 10.0
    assert measure_latency.percentile([3.0], 0.95) == 3.0


def test_the_committed_chart_is_drawn_from_the_committed_figures():
    figures = json.loads(RESULTS.read_text(encoding="utf-8"))

    assert CHART.read_text(encoding="utf-8") == measure_latency.render_svg(figures)
    assert figures["requests"] == 20 and figures["job_seconds"] == 1.0


def test_the_committed_figures_follow_from_their_samples():
    figures = json.loads(RESULTS.read_text(encoding="utf-8"))

    for variant in figures["variants"]:
        samples = variant["samples_ms"]
        assert len(samples) == figures["requests"]
        assert variant["median_ms"] == round(statistics.median(samples), 1)
        assert variant["p95_ms"] == round(measure_latency.percentile(samples, 0.95), 1)


# Every language the page exists in; a missing translation is reported by tests/site.
@pytest.mark.parametrize("page", sorted(DOCS.glob("*/tutorial/measure.md")), ids=str)
def test_the_page_shows_the_committed_figures(page):
    text = page.read_text(encoding="utf-8")
    figures = json.loads(RESULTS.read_text(encoding="utf-8"))

    rows = re.findall(r"^\| *([^|]+?) *\| *([\d.]+) ms *\| *([\d.]+) ms *\|$", text, re.M)
    shown = [(float(median), float(p95)) for _, median, p95 in rows]
    assert shown == [(v["median_ms"], v["p95_ms"]) for v in figures["variants"]]
    machine = figures["machine"]
    kernel = machine["kernel"].split()[1].split("-")[0]  # "Linux 6.18.44-... x86_64"
    # The values, whatever the words of the page's language around them.
    for fact in (f"Python {machine['python']}", machine["os"], kernel):
        assert fact in text
    assert re.search(rf"\b{machine['cpus']} (个 |個 )?CPU", text)
    assert re.search(rf"(load average|负载|負載)\D{{0,12}}{machine['load_average_1min']}", text)


def test_help_names_every_option():
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--help"], capture_output=True, text=True, timeout=30
    )

    assert done.returncode == 0
    for option in ("--requests", "--job-seconds", "--svg", "--json"):
        assert option in done.stdout


def test_impossible_options_are_refused():
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--requests", "0"], capture_output=True, text=True, timeout=30
    )

    assert done.returncode == 2
    assert "--requests must be at least 1" in done.stderr


def test_the_commands_on_the_page_print_what_the_page_shows(monkeypatch, tmp_path):
    monkeypatch.setenv("COLUMNS", "80")  # argparse wraps its help to the terminal's width
    # The page's commands run from the root of the repository.
    (tmp_path / "scripts").symlink_to(ROOT / "scripts")
    run_transcript(DOCS_SRC / "measure" / "measure_latency.console", tmp_path)
