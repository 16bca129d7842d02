"""Give every language its own search index, ranking that language first.

Material builds one index for the whole site and the i18n plugin merges every
language into it, so a reader on a Chinese page who searches for
``BackgroundTasks`` would get English pages as often as Chinese ones. After the
build this hook writes one index per language, at ``<language>/search/``, in
which that language's entries are boosted, and points each page's search at
the index of its own language. Pages in other languages still appear, below.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.plugins import event_priority

# How much more a page in the reader's language weighs than one in another.
# Field boosts make a title match weigh 1,000 times a text match, and tf-idf
# adds another factor of ten or so; a million puts the weakest match in the
# reader's language above the strongest in another, and keeps the order
# within each language as it was.
OWN_LANGUAGE_BOOST = 1e6

_CONFIG_SCRIPT = re.compile(
    r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S
)


def _i18n(config):
    return config.plugins["i18n"]


def _languages(config) -> tuple[str, list[str]]:
    languages = [lang for lang in _i18n(config).config.languages if lang.build]
    default = next(lang.locale for lang in languages if lang.default)
    return default, [lang.locale for lang in languages]


def on_post_page(output: str, page, config) -> str:
    """Point the search of a translated page at its language's index."""
    default, _ = _languages(config)
    locale = getattr(page.file, "locale", default)
    if locale == default:
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
    """The site's index as seen from ``locale``'s root, that language first."""
    prefix = "" if locale == default else f"{locale}/"
    docs = []
    for entry in index["docs"]:
        entry = dict(entry)
        if language_of(entry["location"], locales, default) == locale:
            entry["boost"] = entry.get("boost", 1.0) * OWN_LANGUAGE_BOOST
        if prefix:
            location = entry["location"]
            entry["location"] = (
                location[len(prefix) :] if location.startswith(prefix) else f"../{location}"
            )
        docs.append(entry)
    return {**index, "docs": docs}


@event_priority(-200)  # after the i18n plugin (-100) has merged every language
def on_post_build(config) -> None:
    if _i18n(config).building:
        return  # one of the i18n plugin's inner builds; the index is not whole yet
    site = Path(config.site_dir)
    source = site / "search" / "search_index.json"
    if not source.exists():
        return
    index = json.loads(source.read_text(encoding="utf-8"))
    default, locales = _languages(config)
    for locale in locales:
        prefix = Path() if locale == default else Path(locale)
        target = site / prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        data = index_for(index, locale, locales, default)
        target.write_text(
            json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
