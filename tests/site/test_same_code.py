"""Every language shows the same code: same files, same sections, same highlights."""

import re

import pytest

from scripts.project import DOCS, languages, pages

LANGUAGES = languages()
# A fence line with its options, and the snippet lines inside it.
FENCE_OPTIONS = re.compile(r"^\s*(`{3,}|~{3,})\s*\S.*$")
SNIPPET = re.compile(r'^\s*--8<--\s+"[^"]+"\s*$')


def code_outline(text: str) -> list[str]:
    """The fence lines (with title, hl_lines, linenums) and snippet lines, in order.

    The title of a code block is a file path and stays English everywhere.
    """
    return [
        line.strip()
        for line in text.splitlines()
        if FENCE_OPTIONS.match(line) or SNIPPET.match(line)
    ]


@pytest.mark.parametrize("locale", LANGUAGES.translations)
@pytest.mark.parametrize("page", sorted(pages(LANGUAGES.default)))
def test_translation_embeds_the_same_code_as_english(page, locale):
    english = code_outline((DOCS / LANGUAGES.default / page).read_text(encoding="utf-8"))
    translated = code_outline((DOCS / locale / page).read_text(encoding="utf-8"))
    assert translated == english


def test_the_outline_sees_files_and_highlights():
    text = '```python title="docs_src/a.py" hl_lines="3"\n--8<-- "docs_src/a.py"\n```\n'
    assert code_outline(text) == [
        '```python title="docs_src/a.py" hl_lines="3"',
        '--8<-- "docs_src/a.py"',
    ]
