"""Put the pre-rendered SVG of each Mermaid diagram in its page.

A page writes a diagram as a ```mermaid fence; scripts/render_diagrams.py has
drawn it ahead of time into diagrams/, once for each colour scheme. This hook
replaces the fence with both drawings, and the site's stylesheet shows the one
that matches the reader's scheme. No reader's browser loads Mermaid.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.project import (  # noqa: E402
    DIAGRAM_SCHEMES,
    DIAGRAMS,
    MERMAID_FENCE,
    diagram_files,
    diagram_key,
)


def figure(source: str, page: str) -> str:
    key = diagram_key(source)
    drawings = []
    for scheme, name in zip(DIAGRAM_SCHEMES, diagram_files(key), strict=True):
        path = DIAGRAMS / name
        if not path.exists():
            raise PluginError(
                f"{page}: the diagram {key} has no drawing: run scripts/render_diagrams.py"
            )
        svg = path.read_text(encoding="utf-8").strip()
        # The dark copy says the same words: index them once.
        exclude = " data-search-exclude" if scheme != DIAGRAM_SCHEMES[0] else ""
        drawings.append(f'<div class="diagram__{scheme}"{exclude}>{svg}</div>')
    return '<figure class="diagram">' + "".join(drawings) + "</figure>"


def on_page_markdown(markdown: str, page, config, files) -> str:
    return MERMAID_FENCE.sub(lambda m: figure(m.group(1), page.file.src_uri), markdown)
