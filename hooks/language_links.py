"""Language links that work wherever the site is served, and that Material can follow.

The i18n plugin gives each page links to its translations, except on a
language's home page, where it keeps the absolute ``/zh-Hans/``. Those break
when the site is served from a sub-folder or opened from disk. Run after the
plugin (its priority is 50) and make them relative to the site root, which the
theme's ``url`` filter then turns into a path relative to the page. When the
site has a home (``site_url``, set from SITE_URL), they become absolute
instead, as search engines want ``hreflang`` links to be. The site's one
404 page, which a host serves at any missing address, links each language's
home page instead, from the root (or absolute).

Material's script fetches ``sitemap.xml`` next to every ``rel=alternate``
link, as if each pointed at a language's root. After the build, every page
folder gets a sitemap of its own, holding that page and its translations, so
that no request fails.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.project import languages_of  # noqa: E402

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"


def alternates(config) -> list[dict]:
    """The language links the theme reads: the plugin sets them as an attribute
    while it builds a page, and leaves them as a key for a template like 404.html."""
    return getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []


@event_priority(0)
def on_page_context(context, page, config, nav):
    for alternate in alternates(config):
        link = alternate["link"]
        if link.startswith("/"):
            link = link.lstrip("/") or "./"
        alternate["link"] = urljoin(config.site_url, link) if config.site_url else link
    return context


def on_template_context(context, template_name, config):
    if template_name == "404.html":
        langs = languages_of(config)
        for alternate in alternates(config):
            home = langs.url_prefix(alternate["lang"])
            alternate["link"] = urljoin(config.site_url or "/", home)
    return context


@event_priority(-200)  # after the i18n plugin (-100) has written the sitemap
def on_post_build(config) -> None:
    if config.plugins["i18n"].building:
        return  # an inner build of the i18n plugin
    site = Path(config.site_dir)
    root = site / "sitemap.xml"
    if not root.exists():
        return
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("xhtml", "http://www.w3.org/1999/xhtml")
    for entry in ET.parse(root).getroot().findall(f"{{{SITEMAP}}}url"):
        folder = entry.findtext(f"{{{SITEMAP}}}loc", "").removeprefix(config.site_url or "")
        if not folder.strip("./"):
            continue  # the site's root has the whole sitemap
        urlset = ET.Element(f"{{{SITEMAP}}}urlset")
        urlset.append(entry)
        ET.ElementTree(urlset).write(
            str(site / folder / "sitemap.xml"), encoding="UTF-8", xml_declaration=True
        )
