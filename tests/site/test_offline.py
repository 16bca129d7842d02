import re
from urllib.parse import unquote, urlsplit

# Where the browser fetches something while reading the page. A link a reader
# may follow (<a href>) is not fetched; a stylesheet or icon (<link href>) is.
ASSET_REFERENCE = re.compile(
    r'\b(?:src|srcset|poster|data)\s*=\s*"([^"]*)"|<link\b[^>]*\bhref\s*=\s*"([^"]*)"', re.I
)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")


def external(references):
    return sorted({ref for ref in references if urlsplit(ref.strip()).netloc})


def assets_of_pages(site):
    """Each page of the site, and what the browser fetches to show it."""
    for page in site.rglob("*.html"):
        references = ASSET_REFERENCE.findall(page.read_text(encoding="utf-8"))
        yield page, [ref for pair in references for ref in pair if ref]


def test_pages_reference_no_other_host(site):
    offenders = {}
    for page, references in assets_of_pages(site):
        found = external(references)
        if found:
            offenders[page.relative_to(site).as_posix()] = found
    assert offenders == {}


def test_stylesheets_load_nothing_from_another_host(site):
    offenders = {}
    for sheet in site.rglob("*.css"):
        found = external(CSS_URL.findall(sheet.read_text(encoding="utf-8")))
        if found:
            offenders[sheet.relative_to(site).as_posix()] = found
    assert offenders == {}


def test_every_asset_a_page_references_is_in_the_site(site):
    # The browser tests fail on any request that fails; this also covers what
    # Chromium's headless shell, which they run, never asks for (the favicon).
    missing = {}
    for page, references in assets_of_pages(site):
        for ref in references:
            url = urlsplit(ref.strip())
            if url.netloc or not url.path:
                continue
            # 404.html is served at any path, so its URLs start at the root.
            base = site if url.path.startswith("/") else page.parent
            target = (base / unquote(url.path).lstrip("/")).resolve()
            if not (target.is_file() or (target / "index.html").is_file()):
                missing.setdefault(page.relative_to(site).as_posix(), []).append(ref)
    assert missing == {}
