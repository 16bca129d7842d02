"""The commands of the contributor guide work as written, in a copy of the project."""

import os
import re
import subprocess
import sys
import time
import urllib.request

import pytest

from scripts.project import DOCS, ROOT, unmeasured
from tests.examples import free_port
from tests.site.build import copy_project

GUIDE = DOCS / "en" / "contributing.md"


def guide_commands() -> list[str]:
    return re.findall(r"^\s*\$ (.+)$", GUIDE.read_text(encoding="utf-8"), re.M)


@pytest.fixture
def project(tmp_path):
    """A committed copy of the project, whose .venv is the one running these tests."""
    copy = copy_project(ROOT, tmp_path / "project", commit=True)
    python = copy / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    python.chmod(0o755)
    return copy


def run(command: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run(
        command,
        shell=True,
        cwd=cwd,
        env=unmeasured(os.environ),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_guide_shows_these_commands():
    # If the guide changes its commands, this file must follow.
    assert [c.split()[0] for c in guide_commands()] == [
        "scripts/setup.sh",
        ".venv/bin/python",
        ".venv/bin/python",
        ".venv/bin/python",
        "scripts/serve.sh",
        ".venv/bin/python",
    ]


def test_status_update_diff_and_check_as_written(project):
    status, update, diff, check = [c for c in guide_commands() if c.startswith(".venv/bin/python")]

    done = run(status, project)
    assert done.returncode == 0, done.stderr
    assert "tutorial/first-task.md" in done.stdout

    english = project / "docs/en/tutorial/first-task.md"
    english.write_text(
        english.read_text(encoding="utf-8") + "\nA new sentence.\n", encoding="utf-8"
    )
    assert re.search(r"tutorial/first-task\.md +zh-Hant +outdated", run(status, project).stdout)
    assert "+A new sentence." in run(diff, project).stdout

    assert run(update, project).returncode == 0
    assert re.search(r"tutorial/first-task\.md +zh-Hant +up to date", run(status, project).stdout)

    done = run(check, project)
    assert done.returncode == 0, done.stdout


def test_serve_one_language_as_written(project):
    serve = next(c for c in guide_commands() if c.startswith("scripts/serve.sh"))
    port = free_port()
    env = {**unmeasured(os.environ), "VENV": str(sys.prefix)}
    server = subprocess.Popen(
        f"{serve} --port {port}",
        shell=True,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                html = (
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read().decode()
                )
                break
            except OSError:
                assert time.monotonic() < deadline, "the site was not served within 60 s"
                assert server.poll() is None, "serve.sh exited"
                time.sleep(0.5)
        assert '<html lang="zh-Hant"' in html  # that language alone, at the root
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=10)
