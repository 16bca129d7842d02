"""No example sits unused: each one is shown in every language and run by a test."""

import re
from pathlib import Path

import pytest

from scripts.project import DOCS, ROOT, languages

DOCS_SRC = ROOT / "docs_src"
TESTS = ROOT / "tests"
EMBED = re.compile(r'--8<--\s+"docs_src/([^":]+)')


def examples() -> list[str]:
    """Every file of docs_src a reader can be shown, relative to docs_src."""
    return sorted(
        path.relative_to(DOCS_SRC).as_posix()
        for path in DOCS_SRC.rglob("*")
        if path.is_file()
        and path.name != "__init__.py"
        and not any(
            part.startswith((".", "__pycache__")) for part in path.relative_to(DOCS_SRC).parts
        )
    )


def embedded(locale: str) -> set[str]:
    return {
        m
        for page in (DOCS / locale).rglob("*.md")
        for m in EMBED.findall(page.read_text(encoding="utf-8"))
    }


def run_by_a_test(example: str, test_sources: list[str]) -> bool:
    """A test names the example the way the fixtures take it.

    Apps as "lesson/module" (run_example, serve_example) or "docs_src.lesson.module",
    transcripts by their folder and file name.
    """
    path = Path(example)
    lesson = path.parent.as_posix()
    if path.suffix == ".py":
        names = [f"{lesson}/{path.stem}", f"docs_src.{lesson.replace('/', '.')}.{path.stem}"]
        return any(name in source for name in names for source in test_sources)
    return any(f'"{lesson}"' in source and f'"{path.name}"' in source for source in test_sources)


@pytest.mark.parametrize("locale", languages().all)
def test_every_example_is_embedded_in_every_language(locale):
    assert sorted(set(examples()) - embedded(locale)) == []


def test_every_example_is_run_by_a_test():
    sources = [path.read_text(encoding="utf-8") for path in TESTS.rglob("test_*.py")]
    assert [example for example in examples() if not run_by_a_test(example, sources)] == []


def test_every_embedded_file_exists():
    # The strict build fails on a missing snippet too; this names the page.
    missing = {
        (page.relative_to(DOCS).as_posix(), target)
        for page in DOCS.rglob("*.md")
        for target in EMBED.findall(page.read_text(encoding="utf-8"))
        if not (DOCS_SRC / target).is_file()
    }
    assert missing == set()
