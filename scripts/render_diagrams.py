#!/usr/bin/env python3
"""Render every Mermaid diagram of the pages to SVG, ahead of time.

The pages keep their diagrams as Mermaid text, so that translators edit words,
not pictures. This script renders each one with the Mermaid copy in
vendor/mermaid/, in Debian's Chromium, twice: for the light and for the dark
colour scheme. The files land in diagrams/, named by a hash of the diagram's
text and of the renderer, and hooks/diagrams.py puts them in the page, so no
reader's browser ever loads Mermaid.

Run it after you add or change a diagram; a test fails until you do. Files no
page uses any more are deleted.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.project import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    DIAGRAMS,
    MERMAID,
    diagram_files,
    diagram_sources,
)

# Mermaid's own themes for the two colour schemes of the site.
THEMES = {"light": "default", "dark": "dark"}
RENDER = """async ([source, theme, id, font]) => {
  mermaid.initialize({
    startOnLoad: false,
    theme,
    fontFamily: font,
    // Labels as SVG text, not HTML inside foreignObject: real text that any
    // SVG reader can select, search and scale.
    htmlLabels: false,
    flowchart: { htmlLabels: false },
    securityLevel: "strict",
  });
  const { svg } = await mermaid.render(id, source);
  return svg;
}"""
# The site's text font (Material's, with no web font), so that the boxes fit.
FONT = "-apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif"
ID = re.compile(r'\bid="([^"]+)"')


def scoped_ids(svg: str, prefix: str) -> str:
    """Prefix every id Mermaid left unscoped, so two diagrams on a page never clash."""
    ids = {value for value in ID.findall(svg) if not value.startswith(prefix)}
    for value in sorted(ids, key=len, reverse=True):
        svg = re.sub(
            rf'(\bid="|url\(#|href="#){re.escape(value)}(?=[")])', rf"\g<1>{prefix}-{value}", svg
        )
    return svg


def render(sources: dict[str, str]) -> dict[str, str]:
    """{file name: SVG text} for every (diagram, scheme)."""
    from playwright.sync_api import sync_playwright

    files = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_content("<!doctype html><html><body></body></html>")
        page.add_script_tag(path=str(MERMAID / "mermaid.min.js"))
        for key, source in sources.items():
            for scheme, theme in THEMES.items():
                svg_id = f"diagram-{key}-{scheme}"
                svg = page.evaluate(RENDER, [source, theme, svg_id, FONT])
                files[f"{key}-{scheme}.svg"] = scoped_ids(svg, svg_id) + "\n"
        browser.close()
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--all", action="store_true", help="render every diagram again, not only the missing ones"
    )
    args = parser.parse_args(argv)

    sources = diagram_sources()
    wanted = {name for key in sources for name in diagram_files(key)}
    DIAGRAMS.mkdir(exist_ok=True)
    for stale in sorted(p for p in DIAGRAMS.glob("*.svg") if p.name not in wanted):
        stale.unlink()
        print(f"deleted {stale.relative_to(DIAGRAMS.parent)}")
    todo = {
        key: source
        for key, source in sources.items()
        if args.all or not all((DIAGRAMS / name).exists() for name in diagram_files(key))
    }
    for name, svg in render(todo).items() if todo else ():
        (DIAGRAMS / name).write_text(svg, encoding="utf-8")
        print(f"rendered {(DIAGRAMS / name).relative_to(DIAGRAMS.parent)}")
    print(f"{len(sources)} diagram(s), {len(todo)} rendered")
    return 0


if __name__ == "__main__":
    sys.exit(main())
