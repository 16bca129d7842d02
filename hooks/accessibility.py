"""Names the theme gives a screen reader, in the reader's language.

Material's search dialog has ``role="dialog"`` and no name, so a screen reader
announces "dialog" and nothing more. It gets the name that the theme already
gives the search box of the same page ("Search", "搜索", "搜尋").

The link beside each heading carries the toc extension's title ("Permanent
link"), one setting for every language; a language whose ``extra`` in
mkdocs.yml has ``permalink_title`` gets that title instead.
"""

from __future__ import annotations

import re

DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_NAME = re.compile(r'<input type="text" class="md-search__input" [^>]*aria-label="([^"]+)"')
HEADING_LINK_TITLE = re.compile(r'(<a class="headerlink" href="[^"]*" title=")[^"]*"')


def on_page_content(html: str, page, config, files) -> str:
    title = config.extra.get("permalink_title")
    if not title:
        return html
    return HEADING_LINK_TITLE.sub(lambda m: f'{m.group(1)}{title}"', html)


def on_post_page(output: str, page, config) -> str:
    name = SEARCH_NAME.search(output)
    if not name:
        return output
    return output.replace(DIALOG, DIALOG[:-1] + f' aria-label="{name.group(1)}">', 1)
