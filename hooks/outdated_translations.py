"""Warn readers of a translation whose English page changed since.

A translated page records the hash of the English page it was translated
from (scripts/translation_status.py). When that no longer matches, the page
opens with a notice in the reader's language, linking to the English page.
The notice's words live in mkdocs.yml, under each language's ``extra``.
"""

from __future__ import annotations

import posixpath
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.project import OUTDATED, languages_of, status  # noqa: E402


def on_page_markdown(markdown: str, page, config, files) -> str:
    default = languages_of(config).default
    locale = getattr(page.file, "locale", default)
    notice = config.extra.get("outdated_notice")
    if locale == default or not notice:
        return markdown
    page_path = page.file.src_uri.removeprefix(f"{locale}/")
    if status(page_path, locale, Path(config.docs_dir)) != OUTDATED:
        return markdown
    english_url = page.url.removeprefix(f"{locale}/")
    link = posixpath.relpath(english_url or ".", page.url or ".") + "/"
    body = notice["text"].format(english=link)
    admonition = f'!!! warning "{notice["title"]}"\n\n    {body}\n'
    # Right under the page's title, which must stay the first heading.
    lines = markdown.splitlines(keepends=True)
    at = next((i + 1 for i, line in enumerate(lines) if line.startswith("# ")), 0)
    return "".join(lines[:at]) + "\n" + admonition + "\n" + "".join(lines[at:])
