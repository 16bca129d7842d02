"""A real headless Chromium reading the built site, served on loopback."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from scripts.project import CHROMIUM, CHROMIUM_ARGS, serve_folder

DESKTOP = {"width": 1280, "height": 900}
# The reader's system setting, and the name of Material's palette it selects.
MATERIAL_SCHEMES = {"light": "default", "dark": "slate"}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def site_url(site: Path) -> Iterator[str]:
    with serve_folder(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), (
        f"no Chromium at {CHROMIUM}: run scripts/test.sh, which installs it"
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Material's search worker fetches the language's index and builds it as every
# page opens, off the page, for a search the reader may never make: a third of
# the CPU time of opening a lesson in these tests. Only the search tests need
# it; in the other tabs, pages get a worker that does nothing (Material uses
# none but that one).
NO_WORKER = "window.Worker = class extends EventTarget { postMessage() {} terminate() {} };"


def _tab(browser: Browser, search: bool) -> Iterator[Page]:
    """A tab of this test worker, which its tests' readers open pages in.

    A tab that has already run the theme's script and axe-core runs them again
    in half the time of a new browser context (its renderer keeps the compiled
    code), and the page tests open every page of the site. Each test starts it
    afresh: the site's storage cleared, so the reader has no saved colour
    scheme, on a blank page.
    """
    context = browser.new_context(
        viewport=DESKTOP,
        color_scheme="light",
        permissions=["clipboard-read", "clipboard-write"],
    )
    if not search:
        context.add_init_script(NO_WORKER)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def reader_tab(browser: Browser) -> Iterator[Page]:
    """The tab of a reader who does not search (no search worker)."""
    yield from _tab(browser, search=False)


@pytest.fixture(scope="session")
def searcher_tab(browser: Browser) -> Iterator[Page]:
    """The tab of a reader who searches: pages as the site serves them."""
    yield from _tab(browser, search=True)


class Visit:
    """Pages of the site as a new reader opens them, with every request and every error.

    ``page`` is a tab for a reader whose system asks for the light scheme
    (Material's "default" palette); ``in_scheme("dark")`` opens the current
    page again for a reader whose system asks for the dark one.
    """

    def __init__(self, base: str, tab: Page):
        self.base = base
        self.page = tab
        self.requests: list[str] = []
        # Console errors, uncaught exceptions, and responses that failed.
        self.errors: list[str] = []
        self._listeners = {
            "request": lambda request: self.requests.append(request.url),
            "console": lambda message: (
                self.errors.append(message.text) if message.type == "error" else None
            ),
            "pageerror": lambda error: self.errors.append(str(error)),
            "response": lambda r: (
                self.errors.append(f"{r.status} {r.url}") if r.status >= 400 else None
            ),
        }
        for event, listener in self._listeners.items():
            tab.on(event, listener)

    def open(self, path: str) -> Page:
        response = self.page.goto(self.base + path)
        assert response is not None and response.ok, path
        return self.page

    def in_scheme(self, scheme: str) -> Page:
        """The current page, as a new reader whose system asks for "light" or "dark" sees it.

        Waits until Material has applied the palette of that scheme.
        """
        url = self.page.url
        self._new_reader(scheme)
        self.page.goto(url)
        return self.showing(scheme)

    def switch_to(self, scheme: str) -> Page:
        """Click the page's own palette toggle, as a reader does, until the page
        shows ``scheme`` ("light" or "dark"); wait until it does. The toggle
        goes round the palette's entries: automatic (the system's), light, dark."""
        palette = self.page.locator("form[data-md-component=palette]")
        for _ in range(palette.locator("input").count()):
            if self.scheme_shown() == scheme:
                break
            palette.locator("label:not([hidden])").click()
        return self.showing(scheme)

    def scheme_shown(self) -> str:
        """The scheme Material shows now: "light" or "dark"."""
        shown = self.page.evaluate("document.body.dataset.mdColorScheme")
        return next(name for name, material in MATERIAL_SCHEMES.items() if material == shown)

    def showing(self, scheme: str) -> Page:
        """Wait until the page shows ``scheme``."""
        self.page.wait_for_function(
            "name => document.body.dataset.mdColorScheme === name", arg=MATERIAL_SCHEMES[scheme]
        )
        return self.page

    def _new_reader(self, scheme: str) -> None:
        """The tab on a blank page, with no palette saved, for a system asking for ``scheme``.

        The site's storage, where a page saves the palette, is cleared, and the
        page left before the system's scheme changes, so that no page of the
        site sees the change.
        """
        if self.page.url.startswith(self.base + "/"):
            self.page.evaluate("localStorage.clear(); sessionStorage.clear()")
        self.page.goto("about:blank")
        self.page.emulate_media(color_scheme=scheme)

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(self.base + "/")]

    def close(self) -> None:
        for event, listener in self._listeners.items():
            self.page.remove_listener(event, listener)
        self._new_reader("light")  # as the next test's reader finds the tab


def _visit(site_url: str, tab: Page) -> Iterator[Visit]:
    visit = Visit(site_url, tab)
    yield visit
    visit.close()


@pytest.fixture
def visit(site_url: str, reader_tab: Page) -> Iterator[Visit]:
    yield from _visit(site_url, reader_tab)


@pytest.fixture
def search_visit(site_url: str, searcher_tab: Page) -> Iterator[Visit]:
    """A visit by a reader who searches: the pages' search worker is there."""
    yield from _visit(site_url, searcher_tab)


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory) -> Path:
    """Where screenshots go: $TEST_ARTIFACTS, or a folder of this test run."""
    folder = Path(os.environ.get("TEST_ARTIFACTS") or tmp_path_factory.mktemp("artifacts"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder
