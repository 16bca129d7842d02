"""Render glossary.yml as a table wherever a page asks for it.

A page writes the column headings in its own language:

    <!-- glossary: English | 简体中文 | 简体中文不用 | 繁體中文 | 繁體中文不用 -->

and gets one row per term: the English term, then for Simplified and for
Traditional Chinese the term and the words its pages avoid. The data stays in
one file.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.project import glossary  # noqa: E402

MARKER = re.compile(r"^<!-- glossary: (.+?) -->$", re.M)


def table(headings: list[str]) -> str:
    rows = [
        [
            term["en"],
            *(
                cell
                for locale in ("zh-Hans", "zh-Hant")
                for cell in (term[locale], "、".join(term.get("avoid", {}).get(locale, [])))
            ),
        ]
        for term in glossary()
    ]
    lines = [headings, ["---"] * len(headings), *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def on_page_markdown(markdown: str, page, config, files) -> str:
    return MARKER.sub(lambda m: table([h.strip() for h in m.group(1).split("|")]), markdown)
