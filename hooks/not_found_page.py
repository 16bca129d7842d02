"""The site's one "not found" page, in the default language.

A static host answers every missing address with the root's 404.html. The
i18n plugin renders that template again for each language into the same
file, so the last language's page was left (Traditional Chinese). Here every
build writes the default language's page (its language links:
hooks/language_links.py).
"""

from __future__ import annotations

NOT_FOUND = "404.html"
_default_language_page: str | None = None  # as rendered in this build's first pass


def on_post_template(output, template_name, config):
    global _default_language_page
    if template_name != NOT_FOUND:
        return output
    if config.plugins["i18n"].is_default_language_build:
        _default_language_page = output
    return _default_language_page or output
