"""Every image a page shows is in the built site, in every language.

An image for the pages of every language belongs in the theme's folder,
overrides/assets/: the i18n plugin copies theme files once, to the site's root,
and finds them from the pages of every language. A file in docs/en/ or
docs/assets/ reaches the English site only, since the plugin does not fall
back to the default language (fallback_to_default: false in mkdocs.yml).
"""

import re
from urllib.parse import urljoin, urlsplit

IMAGE = re.compile(r'<img\b[^>]*\bsrc="([^"]+)"', re.I)


def test_every_image_of_every_page_is_in_the_site(site):
    missing = {}
    for page in site.rglob("*.html"):
        url = page.relative_to(site).as_posix()
        for src in IMAGE.findall(page.read_text(encoding="utf-8")):
            if urlsplit(src).scheme or src.startswith("data:"):
                continue  # tests/site/test_offline.py reports other hosts
            target = urlsplit(urljoin(url, src)).path
            if not (site / target).is_file():
                missing.setdefault(url, []).append(src)
    assert missing == {}


def test_the_check_sees_a_page_s_images(site):
    # Guards the pattern above: the measuring lesson shows its chart.
    page = (site / "tutorial" / "measure" / "index.html").read_text(encoding="utf-8")
    assert IMAGE.findall(page) == ["../../assets/images/measure-latency.svg"]
