"""Every lesson with examples says, in its language, what they were tested with."""

import platform
import re
import subprocess
from importlib.metadata import version

import pytest

from scripts.project import DOCS, languages, pages

LANGUAGES = languages()
EMBEDS_EXAMPLE = re.compile(r'--8<--\s+"docs_src/')
TESTED_WITH = re.compile(r'<p class="tested-with">(.*?)</p>')
# What the reader is told, in this environment: the one the tests run in.
EVERY_PAGE = [
    f"Python {platform.python_version()}",
    f"FastAPI {version('fastapi')}",
    f"Starlette {version('starlette')}",
    f"uvicorn {version('uvicorn')}",
]
REDIS_SERVER = subprocess.run(["redis-server", "--version"], capture_output=True, text=True)
CELERY_PAGES = [
    f"Celery {version('celery')}",
    f"redis-py {version('redis')}",
    "Redis " + re.search(r"\bv=(\S+)", REDIS_SERVER.stdout).group(1),
]
WORDING = {
    "en": "Examples tested with",
    "zh-Hans": "本页示例的测试环境",
    "zh-Hant": "本頁範例的測試環境",
}


def lesson_with_examples(page: str) -> bool:
    text = (DOCS / LANGUAGES.default / page).read_text("utf-8")
    return page.startswith("tutorial/") and bool(EMBEDS_EXAMPLE.search(text))


@pytest.mark.parametrize("locale", LANGUAGES.all)
@pytest.mark.parametrize("page", sorted(pages(LANGUAGES.default)))
def test_a_lesson_with_examples_names_the_versions_it_was_tested_with(site, locale, page):
    html = (site / LANGUAGES.url(locale, page) / "index.html").read_text(encoding="utf-8")

    found = TESTED_WITH.findall(html)

    if not lesson_with_examples(page):
        assert found == []
        return
    assert len(found) == 1 and found[0].startswith(WORDING[locale])
    assert all(name in found[0] for name in EVERY_PAGE)
    uses_celery = "task-queue" in page or "celery" in page
    assert [name in found[0] for name in CELERY_PAGES] == [uses_celery] * len(CELERY_PAGES)
