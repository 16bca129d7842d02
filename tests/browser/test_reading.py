"""Every page in every language, as a reader's browser shows it."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from scripts.project import languages, pages
from tests.browser.conftest import DESKTOP, MATERIAL_SCHEMES, PHONE
from tests.examples import DOCS_SRC

LANGUAGES = languages()
PAGES = sorted(pages(LANGUAGES.default))
AXE_SOURCE = Axe().axe_script  # axe-core, as axe-playwright-python bundles it
# What the tests hold every page to: WCAG 2.1, levels A and AA.
WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
SEARCH_NAME = {"en": "Search", "zh-Hans": "搜索", "zh-Hant": "搜尋"}
DIAGRAM_PAGE = "tutorial/why-background-tasks.md"
HAN = re.compile(r"[\u4e00-\u9fff]")
LESSON = "tutorial/first-task.md"
# A word every language's lesson 1 uses, as its readers write it.
QUERIES = {"en": "notification", "zh-Hans": "后台任务", "zh-Hant": "背景任務"}


def path(locale: str, page: str) -> str:
    return "/" + LANGUAGES.url(locale, page)


def in_its_language(text: str, locale: str) -> bool:
    return bool(HAN.search(text)) == locale.startswith("zh")


def accessibility_violations(tab, context=None, options=WCAG_AA) -> list:
    """axe-core's WCAG violations on the page as it is now (once per page, axe is added to it)."""
    if not tab.evaluate("typeof axe === 'object'"):
        tab.evaluate(AXE_SOURCE)
    violations = tab.evaluate(
        "([context, options]) => axe.run(context || document, options).then(r => r.violations)",
        [context, options],
    )
    return [(v["id"], [node["target"] for node in v["nodes"]][:5]) for v in violations]


# What depends on the colour scheme, among the WCAG rules, and the others.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
COLOURS = {"runOnly": {"type": "rule", "values": COLOUR_RULES}, "resultTypes": ["violations"]}
ALL_BUT_COLOURS = {**WCAG_AA, "rules": {rule: {"enabled": False} for rule in COLOUR_RULES}}

# What axe's colour rules read of a text: its own colour, size, weight, shadow
# and decoration, its ::before and ::after boxes, whether it shows (clipped to
# nothing, hidden or transparent), and every box it sits on (colour of the
# text around it, background, opacity, blending, filter); for a link, also
# whether text of its block lies outside it. Texts that agree on all of that
# get the same verdict, on this page or another: this marks one text of each
# kind that is not among the kinds already checked (a link: the link itself,
# so that the link rule sees it; where the kind has one, a text of two
# characters or more with a letter or digit, since axe gives no verdict on a
# text of one character or of icons alone), and returns how many texts and
# kinds the page shows, and the kinds it marked.
MARK_ONE_TEXT_OF_EACH_NEW_KIND = """checked => {
    for (const marked of document.querySelectorAll("[data-colour-sample]")) {
        marked.removeAttribute("data-colour-sample");
    }
    const samples = new Map();  // kind: [the element to check, whether its text has words]
    let texts = 0;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
        if (!text.data.trim()) continue;
        texts++;
        const element = text.parentElement;
        const style = getComputedStyle(element);
        const size = element.getBoundingClientRect();
        const kind = [style.color, style.fontSize, style.fontWeight, style.textShadow,
            style.textDecorationLine, style.clip, style.clipPath, size.width > 1 && size.height > 1,
            element.checkVisibility({opacityProperty: true, visibilityProperty: true})];
        for (const pseudo of ["::before", "::after"]) {
            const box = getComputedStyle(element, pseudo);
            kind.push(box.content, box.backgroundColor, box.backgroundImage);
        }
        for (let box = element; box; box = box.parentElement) {
            const around = getComputedStyle(box);
            kind.push(around.color, around.backgroundColor, around.backgroundImage,
                around.opacity, around.mixBlendMode, around.filter);
        }
        const link = element.closest("a");
        if (link) {
            let block = link.parentElement;
            while (getComputedStyle(block).display.startsWith("inline")) {
                block = block.parentElement;
            }
            kind.push(block.textContent.trim() !== link.textContent.trim());
        }
        const key = JSON.stringify(kind);
        const words = text.data.trim().length > 1 && /[\\p{L}\\p{N}]/u.test(text.data);
        const sample = samples.get(key);
        if (!sample || (words && !sample[1])) samples.set(key, [link || element, words]);
    }
    const known = new Set(checked);
    const fresh = [...samples.keys()].filter(key => !known.has(key));
    for (const key of fresh) samples.get(key)[0].setAttribute("data-colour-sample", "");
    return [texts, samples.size, fresh];
}"""
# The tokens of a code block take their colours from the theme alone: a token's
# class, whether its line is highlighted, and the scheme;
# test_every_code_colour_is_readable checks each pair the site uses. Their
# elements are spans with a class and nothing else: no role, name or state for
# the other rules to read. So for axe, the page's code blocks keep their text
# and lose the tokens' elements, and the map of the page that axe draws is a
# quarter of the size on the longest pages.
PLAIN_CODE = """() => {
    for (const code of document.querySelectorAll(".highlight code")) {
        code.textContent = code.textContent;
    }
}"""


def colour_violations(tab, checked: set[str]) -> list:
    """axe-core's colour rules on one text of each kind the page shows now and
    ``checked`` does not hold; the kinds found clean are added to ``checked``."""
    texts, kinds, fresh = tab.evaluate(MARK_ONE_TEXT_OF_EACH_NEW_KIND, list(checked))
    assert texts > kinds > 0
    if not fresh:
        return []
    violations = accessibility_violations(tab, {"include": [["[data-colour-sample]"]]}, COLOURS)
    if not violations:
        checked.update(fresh)
    return violations


@pytest.fixture(scope="session")
def colour_kinds_checked() -> set[str]:
    """The kinds of text (MARK_ONE_TEXT_OF_EACH_NEW_KIND) found readable so far
    by this test worker, in either scheme: a page checks the kinds it adds."""
    return set()


@pytest.mark.parametrize("locale", LANGUAGES.all)
@pytest.mark.parametrize("page", PAGES)
def test_page_reads_in_its_language_without_errors_in_either_scheme(
    visit, colour_kinds_checked, locale, page
):
    tab = visit.open(path(locale, page))

    assert tab.locator("html").get_attribute("lang") == locale
    headings = tab.locator("article h1, article h2").all_inner_texts()
    assert headings and all(in_its_language(h, locale) for h in headings[:1]), headings
    assert tab.get_by_role("dialog").get_attribute("aria-label") == SEARCH_NAME[locale]
    # Each code block: how many highlighted tokens, and how many copy buttons.
    blocks = tab.eval_on_selector_all(
        "article div.highlight",
        """blocks => blocks.map(block => [
            block.querySelectorAll("code span[class]").length,
            block.querySelectorAll("button.md-code__button[data-md-type=copy]").length,
        ])""",
    )
    assert all(tokens > 0 for tokens, _ in blocks), "a code block is not highlighted"
    assert all(buttons == 1 for _, buttons in blocks), "a code block has no copy button"
    # The light scheme is the one the tab opened with; then the reader switches.
    # The palette changes colours only: in the dark, axe checks the colour rules.
    tab.evaluate(PLAIN_CODE)
    assert accessibility_violations(tab, options=ALL_BUT_COLOURS) == [], "light"
    assert colour_violations(tab, colour_kinds_checked) == [], "light"
    assert colour_violations(visit.switch_to("dark"), colour_kinds_checked) == [], "dark"
    assert visit.foreign_requests() == []
    assert visit.errors == []


def code_colours(site) -> list[tuple[str, bool]]:
    """Every (token class, on a highlighted line) pair that a code block of the site shows."""
    token = re.compile(r'<span class="([a-z0-9]+)">')
    pairs = set()
    for page in PAGES:
        html = (site / LANGUAGES.url(LANGUAGES.default, page) / "index.html").read_text("utf-8")
        for block in re.findall(r'<div class="language-.*?</code>', html, re.S):
            for line in block.split("\n"):
                highlighted = '<span class="hll">' in line
                pairs |= {(name, highlighted) for name in token.findall(line) if name != "hll"}
    return sorted(pairs)


# One line per pair, in a real code block of the page, so that the site's own
# stylesheet colours it: a token of that class, on a highlighted line or not.
SHOW_EVERY_COLOUR = """pairs => {
    const code = document.querySelector("article div.highlight code");
    code.id = "every-colour";
    code.innerHTML = pairs.map(([name, highlighted]) => {
        const token = `<span class="${name}">sample_${name}</span>`;
        return highlighted ? `<span class="hll">${token}\n</span>` : `${token}\n`;
    }).join("");
}"""


def test_every_code_colour_is_readable(visit, site):
    pairs = code_colours(site)
    assert ("k", True) in pairs and ("c1", False) in pairs  # keywords, comments
    tab = visit.open(path(LANGUAGES.default, LESSON))
    tab.evaluate(SHOW_EVERY_COLOUR, pairs)
    assert tab.locator("#every-colour span").count() >= len(pairs)
    for scheme in MATERIAL_SCHEMES:
        found = accessibility_violations(visit.switch_to(scheme), "#every-colour", COLOURS)
        assert found == [], scheme


# A paragraph of grey text, too pale on white, with a link that only a
# slightly darker grey sets apart: a kind of text no page has.
PALE_PARAGRAPH = """() => {
    const paragraph = document.createElement("p");
    paragraph.style.color = "#999";
    paragraph.innerHTML = 'Pale words, <a href="#" style="color: #777; text-decoration: none">'
        + 'a link like them</a>, more words.';
    document.querySelector("article").append(paragraph);
}"""


def test_a_kind_of_text_the_page_did_not_have_is_checked(visit, colour_kinds_checked):
    tab = visit.open(path(LANGUAGES.default, LESSON))
    assert colour_violations(tab, colour_kinds_checked) == []
    # Every kind of this page is checked now: the page has nothing left to check.
    assert tab.evaluate(MARK_ONE_TEXT_OF_EACH_NEW_KIND, list(colour_kinds_checked))[2] == []

    tab.evaluate(PALE_PARAGRAPH)

    found = {rule for rule, _ in colour_violations(tab, colour_kinds_checked)}
    assert found == {"color-contrast", "link-in-text-block"}


@pytest.mark.parametrize("scheme", MATERIAL_SCHEMES)
@pytest.mark.parametrize("locale", LANGUAGES.all)
def test_a_diagram_is_drawn_for_the_readers_scheme(visit, locale, scheme):
    visit.open(path(locale, DIAGRAM_PAGE))
    tab = visit.in_scheme(scheme)
    other = "dark" if scheme == "light" else "light"

    shown = tab.locator(f"figure.diagram .diagram__{scheme} svg").first
    hidden = tab.locator(f"figure.diagram .diagram__{other} svg").first

    assert shown.is_visible() and not hidden.is_visible()
    # As wide as the text column, and its words are text a reader can select.
    column = tab.locator("article").bounding_box()["width"]
    assert shown.bounding_box()["width"] > 0.9 * column
    assert any("FastAPI" in text for text in shown.locator("text").all_text_contents())


@pytest.mark.parametrize("locale", LANGUAGES.all)
def test_every_code_block_of_the_lesson_is_there(visit, locale):
    english = visit.open(path(LANGUAGES.default, LESSON)).locator("article div.highlight code")
    english_code = english.all_inner_texts()
    translated = (
        visit.open(path(locale, LESSON)).locator("article div.highlight code").all_inner_texts()
    )
    assert translated == english_code
    assert any("add_task(write_notification" in code for code in translated)


@pytest.mark.parametrize("locale", LANGUAGES.all)
def test_copy_button_copies_the_code(visit, locale):
    tab = visit.open(path(locale, LESSON))
    block = tab.locator("article div.highlight").first

    block.hover()
    block.locator("button.md-code__button").click()

    copied = tab.evaluate("navigator.clipboard.readText()")
    source = (DOCS_SRC / "first_task" / "send_notification.py").read_text(encoding="utf-8")
    assert copied.rstrip("\n") == source.rstrip("\n")  # the whole file, as in the repository


def switch_language(tab, target: str) -> None:
    """Pick ``target`` in the header's language menu, as a reader does."""
    tab.locator(".md-header__option .md-select").hover()
    tab.locator(f"a.md-select__link[hreflang='{target}']").click()
    tab.wait_for_load_state()


@pytest.mark.parametrize("target", LANGUAGES.all)
@pytest.mark.parametrize("locale", LANGUAGES.all)
def test_language_switcher_lands_on_the_same_lesson(visit, locale, target):
    tab = visit.open(path(locale, LESSON))

    switch_language(tab, target)

    assert tab.url == visit.base + path(target, LESSON)
    assert tab.locator("html").get_attribute("lang") == target


def test_pages_follow_the_systems_scheme_until_the_reader_picks_one(visit):
    tab = visit.open(path(LANGUAGES.default, LESSON))
    assert visit.scheme_shown() == "light"

    tab.emulate_media(color_scheme="dark")  # the system turns dark, the page is open
    visit.showing("dark")
    visit.open(path(LANGUAGES.default, "index.md"))
    assert visit.scheme_shown() == "dark"

    visit.switch_to("light")  # the reader picks light: it stays, whatever the system
    tab.emulate_media(color_scheme="dark")
    visit.open(path(LANGUAGES.default, LESSON))
    assert visit.scheme_shown() == "light"
    assert visit.errors == []


@pytest.mark.parametrize("target", LANGUAGES.all)
def test_the_not_found_page_reads_without_errors_and_leads_to_each_language(visit, target):
    # What a static host answers for any missing address, in any language.
    tab = visit.open("/404.html")
    assert tab.locator("html").get_attribute("lang") == LANGUAGES.default
    assert accessibility_violations(tab) == []

    switch_language(tab, target)

    assert tab.url == visit.base + path(target, "index.md")
    assert visit.errors == []


def search(tab, query: str) -> list[str]:
    """Type a query into the site's search; return the result links, in order."""
    box = tab.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material searches on key-up; fill() alone types no key
    tab.locator(".md-search-result__item").first.wait_for()
    links = tab.locator(".md-search-result__item > a").all()
    return [re.sub(r"[?#].*$", "", link.get_attribute("href")) for link in links]


@pytest.mark.parametrize("locale", LANGUAGES.all)
def test_search_finds_the_lesson_in_the_readers_language(search_visit, locale):
    tab = search_visit.open(path(locale, "index.md"))

    results = search(tab, QUERIES[locale])

    assert search_visit.base + path(locale, LESSON) in results
    assert search_visit.errors == []  # the worker and the language's index loaded without one


# A term of the glossary, and the lesson about it.
GLOSSARY_QUERIES = {
    "zh-Hans": ("依赖注入", "tutorial/dependencies.md"),
    "zh-Hant": ("事件迴圈", "tutorial/task-functions.md"),
}


@pytest.mark.parametrize("locale", GLOSSARY_QUERIES)
def test_a_glossary_term_finds_its_lesson_first(search_visit, locale):
    query, lesson = GLOSSARY_QUERIES[locale]
    tab = search_visit.open(path(locale, "index.md"))

    results = search(tab, query)

    assert results[0] == search_visit.base + path(locale, lesson), results


@pytest.mark.parametrize("locale", LANGUAGES.all)
def test_search_lists_the_readers_language_only(search_visit, locale):
    tab = search_visit.open(path(locale, LESSON))

    results = search(tab, "BackgroundTasks")  # a word every language's pages use

    # Every result is a page of this language: the same page in another
    # language never pushes it down the list.
    pages_here = {search_visit.base + path(locale, page) for page in PAGES}
    assert results and {re.sub(r"#.*$", "", url) for url in results} <= pages_here, results


@pytest.mark.parametrize("locale", LANGUAGES.all)
def test_screenshots_of_a_lesson(browser, site_url, artifacts, locale):
    for name, viewport in {"desktop": DESKTOP, "phone": PHONE}.items():
        context = browser.new_context(viewport=viewport)
        tab = context.new_page()
        tab.goto(site_url + path(locale, LESSON))
        if name == "phone":
            # The navigation opens from a button, and nothing is wider than the screen.
            assert tab.locator("label.md-header__button[for=__drawer]").is_visible()
            assert tab.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        shot = artifacts / f"{locale}-first-task-{name}.png"
        tab.screenshot(path=shot, full_page=False)
        assert shot.stat().st_size > 10_000
        context.close()
