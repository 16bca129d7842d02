"""The server the benchmark puts in front of Lighthouse answers as a static host does."""

import gzip
import http.client
from urllib.parse import urlsplit

import pytest

from scripts.project import serve_like_a_host

TEXT = {
    "index.html": "text/html; charset=utf-8",
    "assets/site.css": "text/css; charset=utf-8",
    "assets/bundle.1a2b3c4d.min.js": "text/javascript; charset=utf-8",
    "search/search_index.json": "application/json",
    "diagram.svg": "image/svg+xml",
    "sitemap.xml": "application/xml",
}


def get(base: str, path: str, **headers: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection(urlsplit(base).netloc, timeout=5)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


@pytest.fixture
def host(tmp_path):
    site = tmp_path / "site"
    with serve_like_a_host(site) as base:
        # The address is known before the site exists: the build can use it.
        site.mkdir()
        for name in TEXT:
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            (site / name).write_text(f"{name} " * 200, encoding="utf-8")
        (site / "favicon.png").write_bytes(b"\x89PNG" + bytes(500))
        (site / "tutorial").mkdir()
        (site / "tutorial" / "index.html").write_text("<p>lesson</p>", encoding="utf-8")
        (site / "404.html").write_text("<p>not here</p>", encoding="utf-8")
        yield base


@pytest.mark.parametrize("name", TEXT)
def test_text_is_gzipped_with_its_type_when_the_browser_accepts_it(host, name):
    response = get(host, f"/{name}", **{"Accept-Encoding": "gzip, deflate, br"})

    assert response.status == 200
    assert response.getheader("Content-Type") == TEXT[name]
    assert response.getheader("Content-Encoding") == "gzip"
    assert response.getheader("Vary") == "Accept-Encoding"
    assert gzip.decompress(response.body).decode() == f"{name} " * 200


def test_text_is_sent_as_it_is_to_a_browser_that_does_not_accept_gzip(host):
    response = get(host, "/index.html")

    assert response.getheader("Content-Encoding") is None
    assert response.body.decode() == "index.html " * 200


def test_an_image_is_not_compressed(host):
    response = get(host, "/favicon.png", **{"Accept-Encoding": "gzip"})

    assert response.getheader("Content-Type") == "image/png"
    assert response.getheader("Content-Encoding") is None


def test_a_file_named_by_its_content_is_cached_for_a_year_the_rest_for_ten_minutes(host):
    hashed = get(host, "/assets/bundle.1a2b3c4d.min.js")
    plain = get(host, "/assets/site.css")

    assert hashed.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    assert plain.getheader("Cache-Control") == "public, max-age=600"


def test_an_unchanged_file_is_not_sent_again(host):
    first = get(host, "/index.html", **{"Accept-Encoding": "gzip"})

    again = get(
        host,
        "/index.html",
        **{"Accept-Encoding": "gzip"},
        **{"If-None-Match": first.getheader("ETag")},
    )

    assert again.status == 304
    assert again.body == b""


def test_a_folder_redirects_to_its_slash_and_serves_its_index(host):
    redirect = get(host, "/tutorial")
    page = get(host, "/tutorial/")

    assert (redirect.status, redirect.getheader("Location")) == (301, "/tutorial/")
    assert (page.status, page.body) == (200, b"<p>lesson</p>")


def test_a_missing_page_gets_the_sites_404_page(host):
    response = get(host, "/no/such/page/")

    assert response.status == 404
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    assert response.body == b"<p>not here</p>"
