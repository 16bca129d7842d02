"""Make the language switcher's links relative on every page.

The i18n plugin gives each page links to its translations, except on a
language's home page, where it keeps the absolute ``/zh-Hans/``. Those break
when the site is served from a sub-folder or opened from disk. Run after the
plugin (its priority is 50) and make them relative to the site root, which the
theme's ``url`` filter then turns into a path relative to the page.
"""

from mkdocs.plugins import event_priority


@event_priority(0)
def on_page_context(context, page, config, nav):
    # The plugin sets it as an attribute, which is what the theme reads.
    for alternate in getattr(config.extra, "alternate", None) or []:
        if alternate["link"].startswith("/"):
            alternate["link"] = alternate["link"].lstrip("/") or "./"
    return context
