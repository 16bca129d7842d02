import re
from pathlib import Path

import pytest

from scripts.check_translations import IS_OF_SCRIPT
from scripts.project import DOCS, languages, pages

LANGUAGES = languages()
# What a page tells a screen reader, or shows as a tooltip, of its controls.
NAME_OR_TOOLTIP = re.compile(r'\b(?:aria-label|title|placeholder|alt)="([^"]*)"')
CODE = re.compile(r"<code\b.*?</code>", re.S)  # code reads the same in every language


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


@pytest.mark.parametrize("locale", LANGUAGES.translations)
def test_every_name_and_tooltip_of_a_translated_page_is_in_its_language(site, locale):
    # Interface strings set once in mkdocs.yml (the palette toggles, the
    # headings' links) are English unless each language overrides them.
    in_script = IS_OF_SCRIPT[locale]
    foreign = set()
    for page in english_pages():
        html = CODE.sub("", html_path(site, locale, page).read_text(encoding="utf-8"))
        foreign |= {text for text in NAME_OR_TOOLTIP.findall(html) if not in_script(text)}
    assert foreign == set()
