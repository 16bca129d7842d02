"""With a home (SITE_URL), the site names itself by absolute URLs; without one, by relative ones."""

import re
import xml.etree.ElementTree as ET

import pytest

from scripts.project import ROOT, languages, pages
from tests.site.build import build_site, once_per_run

LANGUAGES = languages()
HOME = "https://docs.example.org/background-tasks/"
LESSON = "tutorial/first-task.md"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="session")
def published(tmp_path_factory, worker_id):
    """The site built for its home, once for every test of the run that reads it."""
    return once_per_run(
        tmp_path_factory,
        worker_id,
        "published",
        lambda folder: build_site(ROOT, folder / "site", site_url=HOME),
    )


def head_links(html: str) -> dict[str, str]:
    links = {"canonical": re.search(r'<link rel="canonical" href="([^"]+)"', html)}
    links = {k: m.group(1) for k, m in links.items() if m}
    for href, lang in re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)"', html):
        links[lang] = href
    return links


@pytest.mark.parametrize("locale", LANGUAGES.all)
def test_canonical_and_hreflang_links_are_absolute(published, locale):
    html = (published / LANGUAGES.url(locale, LESSON) / "index.html").read_text(encoding="utf-8")

    links = head_links(html)

    assert links == {
        "canonical": HOME + LANGUAGES.url(locale, LESSON),
        **{lang: HOME + LANGUAGES.url(lang, LESSON) for lang in LANGUAGES.all},
    }


def test_the_sitemap_lists_every_page_by_absolute_url(published):
    root = ET.parse(published / "sitemap.xml").getroot()
    locations = {url.findtext(f"{SITEMAP}loc") for url in root.findall(f"{SITEMAP}url")}
    assert locations == {
        HOME + LANGUAGES.url(locale, page) for locale in LANGUAGES.all for page in pages(locale)
    }
    for link in root.iter(f"{XHTML}link"):
        assert link.get("href").startswith(HOME)


@pytest.mark.parametrize("locale", LANGUAGES.all)
def test_without_a_home_every_link_stays_relative(site, locale):
    html = (site / LANGUAGES.url(locale, LESSON) / "index.html").read_text(encoding="utf-8")

    links = head_links(html)

    assert "canonical" not in links
    assert set(links) == set(LANGUAGES.all)
    assert not any(href.startswith(("/", "http")) for href in links.values())


@pytest.mark.parametrize("locale", LANGUAGES.all)
def test_each_alternate_link_has_the_sitemap_material_asks_for(site, locale):
    # Material's script fetches sitemap.xml next to every rel=alternate link.
    page_folder = site / LANGUAGES.url(locale, LESSON)
    for href in head_links((page_folder / "index.html").read_text(encoding="utf-8")).values():
        sitemap = (page_folder / href / "sitemap.xml").resolve()
        assert sitemap.is_file(), href
        entries = ET.parse(sitemap).getroot().findall(f"{SITEMAP}url")
        assert len(entries) == 1


@pytest.mark.parametrize("home", ["", HOME])
def test_the_not_found_page_is_in_the_default_language_and_links_each_home(site, published, home):
    # A host answers every missing address, in any language, with this page.
    html = ((published if home else site) / "404.html").read_text(encoding="utf-8")
    assert f'<html lang="{LANGUAGES.default}"' in html
    assert 'class="md-search__input" ' in html and 'aria-label="Search"' in html
    # It is served at any path, so without a home its links start at the root.
    root = home or "/"
    assert head_links(html) == {
        locale: root + LANGUAGES.url_prefix(locale) for locale in LANGUAGES.all
    }
