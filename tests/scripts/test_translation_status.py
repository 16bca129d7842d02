import re
import shutil
import subprocess
import sys

import pytest

from scripts import translation_status
from scripts.project import (
    DOCS,
    MISSING,
    OUTDATED,
    ROOT,
    UP_TO_DATE,
    languages,
    pages,
    record_source,
    status,
)
from tests.site.build import copy_project

LANGUAGES = languages()
PAGE = "tutorial/first-task.md"


@pytest.fixture
def docs(tmp_path):
    copy = tmp_path / "docs"
    shutil.copytree(DOCS, copy)
    return copy


def test_every_translation_exists_and_is_up_to_date():
    stale = {
        (page, lang): status(page, lang)
        for page in pages(LANGUAGES.default)
        for lang in LANGUAGES.translations
        if status(page, lang) != UP_TO_DATE
    }
    assert stale == {}


def test_check_passes_on_the_repository(capsys):
    assert translation_status.main(["--check"]) == 0
    out = capsys.readouterr().out
    assert re.search(rf"^{PAGE} +zh-Hant +up to date$", out, re.M)
    assert "\x1b[" not in out  # plain text, no colour codes


def test_an_english_edit_makes_its_translations_outdated(docs):
    english = docs / LANGUAGES.default / PAGE
    english.write_text(
        english.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8"
    )

    assert {lang: status(PAGE, lang, docs) for lang in LANGUAGES.translations} == {
        lang: OUTDATED for lang in LANGUAGES.translations
    }
    assert status("index.md", "zh-Hans", docs) == UP_TO_DATE


def test_update_records_the_new_english_version(docs):
    english = docs / LANGUAGES.default / PAGE
    english.write_text(
        english.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8"
    )

    record_source(PAGE, "zh-Hans", docs)

    assert status(PAGE, "zh-Hans", docs) == UP_TO_DATE
    assert status(PAGE, "zh-Hant", docs) == OUTDATED
    translated = (docs / "zh-Hans" / PAGE).read_text(encoding="utf-8")
    assert translated.count("translated_from:") == 1


def test_a_missing_page_fails_the_check(monkeypatch, docs, capsys):
    (docs / "zh-Hant" / PAGE).unlink()
    monkeypatch.setattr("scripts.project.DOCS", docs)
    monkeypatch.setattr(translation_status, "status", lambda page, lang: status(page, lang, docs))

    assert translation_status.main(["--check", "--lang", "zh-Hant"]) == 1
    assert re.search(rf"^{PAGE} +zh-Hant +{MISSING}$", capsys.readouterr().out, re.M)


def test_diff_shows_what_changed_in_english_since_the_translation(tmp_path):
    project = copy_project(ROOT, tmp_path / "project", commit=True)
    english = project / "docs" / LANGUAGES.default / PAGE
    english.write_text(
        english.read_text(encoding="utf-8") + "A sentence added later.\n", encoding="utf-8"
    )

    done = subprocess.run(
        [sys.executable, "scripts/translation_status.py", "--diff", PAGE, "--lang", "zh-Hant"],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    )

    added = [
        line
        for line in done.stdout.splitlines()
        if line.startswith("+") and not line.startswith("+++")
    ]
    assert added == ["+A sentence added later."]
