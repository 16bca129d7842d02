"""Name Material's search dialog, in the reader's language.

The dialog has ``role="dialog"`` and no name, so a screen reader announces
"dialog" and nothing more. It gets the name that the theme already gives the
search box of the same page ("Search", "搜索", "搜尋").
"""

from __future__ import annotations

import re

DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_NAME = re.compile(r'<input type="text" class="md-search__input" [^>]*aria-label="([^"]+)"')


def on_post_page(output: str, page, config) -> str:
    name = SEARCH_NAME.search(output)
    if not name:
        return output
    return output.replace(DIALOG, DIALOG[:-1] + f' aria-label="{name.group(1)}">', 1)
