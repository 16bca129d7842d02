"""Render glossary.yml as a table wherever a page asks for it.

A page writes the column headings in its own language:

    <!-- glossary: English | 简体中文 | 繁體中文 | 繁體中文不用 -->

and gets one row per term: the English term, the Simplified and Traditional
terms, and the Traditional terms to avoid. The data stays in one file.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

GLOSSARY = Path(__file__).resolve().parent.parent / "glossary.yml"
MARKER = re.compile(r"^<!-- glossary: (.+?) -->$", re.M)


def table(headings: list[str]) -> str:
    terms = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))
    rows = [
        [
            term["en"],
            term["zh-Hans"],
            term["zh-Hant"],
            "、".join(term.get("avoid", {}).get("zh-Hant", [])),
        ]
        for term in terms
    ]
    lines = [headings, ["---"] * len(headings), *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def on_page_markdown(markdown: str, page, config, files) -> str:
    return MARKER.sub(lambda m: table([h.strip() for h in m.group(1).split("|")]), markdown)
