"""Diagrams are Mermaid text in the pages and SVG drawn ahead of time in the site."""

import html
import re

from scripts.project import (
    DIAGRAM_SCHEMES,
    DIAGRAMS,
    DOCS,
    MERMAID_FENCE,
    diagram_files,
    diagram_sources,
    languages,
    pages,
)

LANGUAGES = languages()
TEXT = re.compile(r"<text\b[^>]*>(.*?)</text>", re.S)


def test_every_diagram_is_drawn_for_its_current_text():
    # A diagram whose text changed has a new key, and no drawing until
    # scripts/render_diagrams.py runs.
    missing = [
        name
        for key in diagram_sources()
        for name in diagram_files(key)
        if not (DIAGRAMS / name).is_file()
    ]
    assert missing == [], "run scripts/render_diagrams.py"


def test_no_drawing_is_left_over():
    used = {name for key in diagram_sources() for name in diagram_files(key)}
    assert sorted(p.name for p in DIAGRAMS.iterdir()) == sorted(used)


def test_every_mermaid_fence_is_one_the_hook_replaces():
    # The hook takes fences at the start of a line; an indented one (inside an
    # admonition or a tab) would reach the reader as code.
    pages = {}
    for page in DOCS.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        found = len(re.findall(r"^\s*```mermaid", text, re.M))
        if found != len(MERMAID_FENCE.findall(text)):
            pages[page.relative_to(DOCS).as_posix()] = found
    assert pages == {}


# The words a diagram shows: participants' names, node and edge labels.
LABELS = re.compile(r"^\s*participant \w+ as (.+)$|\[\"?([^\]\"]+)\"?\]|\|\"?([^|\"]+)\"?\|", re.M)


def test_drawings_keep_their_words_as_text():
    for key, source in diagram_sources().items():
        labels = [next(g for g in groups if g) for groups in LABELS.findall(source)]
        for name in diagram_files(key):
            svg = (DIAGRAMS / name).read_text(encoding="utf-8")
            assert "<foreignObject" not in svg, name
            # The text of its <text> elements, in order; Mermaid breaks a long
            # label into lines (tspans), Chinese ones anywhere, so spaces go.
            shown = html.unescape(re.sub(r"<[^>]+>|\s+", "", "".join(TEXT.findall(svg))))
            missing = [label for label in labels if re.sub(r"\s+", "", label) not in shown]
            assert labels and missing == [], name


def test_pages_carry_both_drawings_and_no_mermaid_runtime(site):
    expected = {
        LANGUAGES.url(locale, page)
        for locale in LANGUAGES.all
        for page in pages(locale)
        if MERMAID_FENCE.search((DOCS / locale / page).read_text(encoding="utf-8"))
    }
    found = set()
    for html_file in site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        assert "mermaid.min.js" not in html, html_file
        assert 'class="mermaid"' not in html, html_file  # Material would fetch Mermaid
        figures = re.findall(r'<figure class="diagram">(.*?)</figure>', html, re.S)
        for figure in figures:
            assert [f'<div class="diagram__{s}"' in figure for s in DIAGRAM_SCHEMES] == [True] * 2
        if figures:
            folder = html_file.parent.relative_to(site).as_posix()
            found.add("" if folder == "." else folder + "/")
    assert expected and found == expected
    assert not list(site.rglob("mermaid*.js"))
