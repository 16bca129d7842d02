"""What the site is made of: its languages and pages, read from mkdocs.yml.

Shared by the scripts and the tests, so that the list of languages lives in
mkdocs.yml alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


@dataclass(frozen=True)
class Languages:
    default: str
    all: tuple[str, ...]

    @property
    def translations(self) -> tuple[str, ...]:
        return tuple(lang for lang in self.all if lang != self.default)

    def url_prefix(self, locale: str) -> str:
        """Where a language lives in the built site: "" or "zh-Hans/"."""
        return "" if locale == self.default else f"{locale}/"


@cache
def languages() -> Languages:
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    entries = config.plugins["i18n"].config.languages
    default = next(lang.locale for lang in entries if lang.default)
    return Languages(default, tuple(lang.locale for lang in entries))


def pages(locale: str) -> set[str]:
    """The Markdown pages of one language, as paths relative to its folder."""
    folder = DOCS / locale
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*.md")}
