import shutil
import subprocess
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
