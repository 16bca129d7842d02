"""The site's one "not found" page: in the default language, linking each language's home.

A static host answers every missing address with the root's 404.html. The
i18n plugin renders that template again for each language into the same
file, so the last language's page was left (Traditional Chinese), with the
language links of whichever page was built last. Here every build writes the
default language's page, and its language links lead to each language's home.
"""

from __future__ import annotations

from urllib.parse import urljoin

NOT_FOUND = "404.html"
_default_language_page: str | None = None  # as rendered in this build's first pass


def on_template_context(context, template_name, config):
    if template_name == NOT_FOUND:
        i18n = config.plugins["i18n"]
        # Where the theme reads them: the plugin sets an attribute while it
        # builds a page, and leaves a key otherwise.
        alternates = getattr(config.extra, "alternate", None) or config.extra.get("alternate")
        for alternate in alternates or []:
            home = "" if alternate["lang"] == i18n.default_language else f"{alternate['lang']}/"
            # Without a home the page's links start at the root, like MkDocs' own
            # for this page, since it is served at any path.
            alternate["link"] = urljoin(config.site_url or "/", home)
    return context


def on_post_template(output, template_name, config):
    global _default_language_page
    if template_name != NOT_FOUND:
        return output
    if config.plugins["i18n"].is_default_language_build:
        _default_language_page = output
    return _default_language_page or output
