"""Give every language a search index of its own pages.

Material builds one index for the whole site, and the i18n plugin merges every
language into it: a reader on a Chinese page who searches for
``BackgroundTasks`` would get the same page three times, English first, and
every page would load all three languages' text before the reader typed a
word. After the build this hook writes one index per language, at
``<language>/search/``, holding that language's pages only, and points each
page's search at the index of its language.

It also leaves code blocks out of the index: they are the same in every
language, they come from docs_src/ (where a reader can grep them), and they
were most of its weight. Inline code in the prose stays searchable.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.project import languages_of  # noqa: E402

_CONFIG_SCRIPT = re.compile(
    r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S
)
_CODE_BLOCK = re.compile(r"<pre>.*?</pre>", re.S)


def _i18n(config):
    return config.plugins["i18n"]


def _languages(config) -> tuple[str, list[str]]:
    langs = languages_of(config)
    return langs.default, list(langs.all)


def _previewing_one_language(config) -> bool:
    # scripts/serve.sh --lang: that language alone, at the root, as its own site.
    return bool(_i18n(config).config.build_only_locale)


def on_post_page(output: str, page, config) -> str:
    """Point the search of a translated page at its language's index."""
    default, _ = _languages(config)
    locale = getattr(page.file, "locale", default)
    if locale == default or _previewing_one_language(config):
        return output

    def rebase(match: re.Match) -> str:
        settings = json.loads(match.group(2))
        settings["base"] = f"{settings['base'].rstrip('/')}/{locale}/"
        return match.group(1) + json.dumps(settings, ensure_ascii=False) + match.group(3)

    return _CONFIG_SCRIPT.sub(rebase, output, count=1)


def language_of(location: str, locales: list[str], default: str) -> str:
    first = location.split("/", 1)[0]
    return first if first in locales and first != default else default


def index_for(index: dict, locale: str, locales: list[str], default: str) -> dict:
    """The pages of ``locale``, located from its root, without code blocks."""
    prefix = "" if locale == default else f"{locale}/"
    docs = [
        {
            **entry,
            "location": entry["location"].removeprefix(prefix),
            "text": _CODE_BLOCK.sub(" ", entry["text"]),
        }
        for entry in index["docs"]
        if language_of(entry["location"], locales, default) == locale
    ]
    return {**index, "docs": docs}


@event_priority(-200)  # after the i18n plugin (-100) has merged every language
def on_post_build(config) -> None:
    if _i18n(config).building or _previewing_one_language(config):
        return  # an inner build of the i18n plugin (the index is not whole yet), or one language
    site = Path(config.site_dir)
    source = site / "search" / "search_index.json"
    if not source.exists():
        return
    index = json.loads(source.read_text(encoding="utf-8"))
    default, locales = _languages(config)
    # Build every index before writing any: the default language's replaces the source.
    indexes = {locale: index_for(index, locale, locales, default) for locale in locales}
    for locale, data in indexes.items():
        prefix = Path() if locale == default else Path(locale)
        target = site / prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        target.write_text(text, encoding="utf-8")
