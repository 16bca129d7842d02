import fcntl
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from scripts.project import build_site as project_build


def build_site(project: Path, site_dir: Path, site_url: str = "") -> Path:
    """Build the site of ``project`` with --strict; fail on any warning."""
    done = project_build(site_dir, project=project, site_url=site_url)
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if line.startswith("WARNING")]
    assert warnings == []
    return site_dir


# What a copy of the project needs to build the site and run its scripts.
PROJECT_FILES = ["mkdocs.yml", "glossary.yml", "pyproject.toml", "docs", "docs_src", "tests"]
PROJECT_FILES += ["scripts", "hooks", "overrides", "diagrams", "vendor"]


def copy_project(source: Path, target: Path, *, commit: bool = False) -> Path:
    """Copy the project into ``target``; with ``commit``, as a fresh git repository."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        if (source / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__")
            shutil.copytree(source / name, target / name, ignore=ignore)
        else:
            shutil.copy(source / name, target / name)
    if commit:
        git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
        for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "copy"]):
            subprocess.run([*git, *args], cwd=target, check=True, capture_output=True)
    return target


def once_per_run(tmp_path_factory, worker_id: str, name: str, make: Callable[[Path], Path]) -> Path:
    """What ``make(folder)`` builds in an empty folder, made once per test run.

    Under pytest-xdist the first worker to need it makes it in a folder the
    workers share, under a file lock; the others wait, then use the same one.
    (Whichever worker runs a test, so no test depends on how xdist schedules.)
    """
    if worker_id == "master":  # not under xdist
        return make(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent / name
    with (shared.parent / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        made = shared.parent / f"{name}.made"
        if not made.exists():
            shutil.rmtree(shared, ignore_errors=True)
            shared.mkdir()
            made.write_text(str(make(shared)), encoding="utf-8")
        return Path(made.read_text(encoding="utf-8"))
