import re
from pathlib import Path

import pytest

from scripts.project import DOCS, languages, pages

LANGUAGES = languages()


def html_path(site: Path, locale: str, page: str) -> Path:
    """Where mkdocs writes a page: tutorial/first-task.md -> tutorial/first-task/index.html."""
    return site / LANGUAGES.url(locale, page) / "index.html"


def english_pages() -> list[str]:
    return sorted(pages(LANGUAGES.default))


@pytest.mark.parametrize("locale", LANGUAGES.translations)
def test_every_page_exists_in_every_language(locale):
    missing = pages(LANGUAGES.default) - pages(locale)
    orphans = pages(locale) - pages(LANGUAGES.default)
    assert (missing, orphans) == (set(), set()), (
        f"docs/{locale} differs from docs/{LANGUAGES.default}"
    )


@pytest.mark.parametrize("locale", LANGUAGES.all)
@pytest.mark.parametrize("page", english_pages())
def test_page_is_built_in_its_language(site, locale, page):
    html = html_path(site, locale, page).read_text(encoding="utf-8")
    assert f'<html lang="{locale}"' in html


@pytest.mark.parametrize("locale", LANGUAGES.all)
@pytest.mark.parametrize("page", english_pages())
def test_switcher_links_the_same_page_in_every_language(site, locale, page):
    here = html_path(site, locale, page)
    html = here.read_text(encoding="utf-8")
    links = dict(
        (lang, href)
        for href, lang in re.findall(
            r'<a href="([^"]*)" hreflang="([^"]+)" class="md-select__link"', html
        )
    )
    assert sorted(links) == sorted(LANGUAGES.all)
    for other, href in links.items():
        target = (here.parent / href / "index.html").resolve()
        assert target == html_path(site, other, page).resolve()


def test_theme_strings_are_in_the_readers_script(site):
    # The copy button's tooltip: Simplified on zh-Hans, Taiwan wording on zh-Hant.
    def copy_label(locale: str) -> str:
        html = html_path(site, locale, "index.md").read_text(encoding="utf-8")
        return re.search(r'"clipboard\.copy": "([^"]+)"', html).group(1)

    assert copy_label("en") == "Copy to clipboard"
    assert copy_label("zh-Hans") == "复制"
    assert copy_label("zh-Hant") == "複製"


def test_lesson_embeds_its_example_in_every_language(site):
    source = (DOCS.parent / "docs_src/first_task/send_notification.py").read_text(encoding="utf-8")
    task_line = next(line for line in source.splitlines() if "add_task(" in line)
    for locale in LANGUAGES.all:
        html = html_path(site, locale, "tutorial/first-task.md").read_text(encoding="utf-8")
        text = re.sub(r"<[^>]+>", "", html).replace("&quot;", '"')
        assert task_line.strip() in text, locale
