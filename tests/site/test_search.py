"""The built search index, read the way Material's search worker reads it."""

import json
import re

import pytest

from scripts.project import glossary_words, languages, pages

LANGUAGES = languages()


def english_pages():
    return sorted(pages(LANGUAGES.default))


LESSON = "tutorial/first-task/"
# A word each Chinese page uses, written the way its readers write it.
CHINESE_QUERIES = {"zh-Hans": "后台任务", "zh-Hant": "背景任務"}


def load_index(site, locale):
    path = site / LANGUAGES.url_prefix(locale) / "search" / "search_index.json"
    return json.loads(path.read_text(encoding="utf-8"))


def tokens(index, entry):
    """Split an entry the way lunr does with the index's own separator."""
    separator = re.compile(index["config"]["separator"])
    text = f"{entry['title']} {entry['text']}"
    return {token.lower() for token in separator.split(text) if token}


def segment(query, vocabulary):
    """Material's worker splits a Chinese query into words the index knows.

    This follows its algorithm: the longest known word at each position,
    continuing after it.
    """
    words, start = [], 0
    while start < len(query):
        end = max(
            (end for end in range(start + 1, len(query) + 1) if query[start:end] in vocabulary),
            default=start + 1,
        )
        words.append(query[start:end])
        start = end
    return words


def pages_matching(index, query):
    vocabulary = set().union(*(tokens(index, entry) for entry in index["docs"]))
    words = segment(query, vocabulary)
    return {
        entry["location"].split("#")[0]
        for entry in index["docs"]
        if all(word in tokens(index, entry) for word in words)
    }


@pytest.mark.parametrize("locale", CHINESE_QUERIES)
def test_a_chinese_word_finds_the_lesson(site, locale):
    index = load_index(site, locale)

    found = pages_matching(index, CHINESE_QUERIES[locale])

    assert LESSON in found  # locations are relative to the language's own root


@pytest.mark.parametrize("locale", CHINESE_QUERIES)
def test_chinese_text_is_split_into_words(site, locale):
    # Without jieba, or with a separator that ignores the zero-width space it
    # inserts, a whole Chinese clause would be one token that no query matches.
    index = load_index(site, locale)
    # lunr's English stemmer would rewrite the index's words in the browser.
    assert "stemmer" not in index["config"]["pipeline"]
    han = re.compile(r"^[\u4e00-\u9fff]+$")
    chinese = {t for e in index["docs"] for t in tokens(index, e) if han.match(t)}
    assert chinese, "no Chinese words in the index"
    assert max(len(token) for token in chinese) <= 8


@pytest.mark.parametrize("locale", LANGUAGES.all)
def test_every_language_index_holds_its_own_pages_only(site, locale):
    index = load_index(site, locale)
    locations = {entry["location"].split("#")[0] for entry in index["docs"]}
    # Relative to the language's root: no other language's folder, no way up.
    assert LESSON in locations
    assert not any(
        loc.startswith(("../", *(f"{lang}/" for lang in LANGUAGES.all))) for loc in locations
    )
    # Every location is one of the site's pages (the home page is "").
    assert locations <= {LANGUAGES.url(LANGUAGES.default, page) for page in english_pages()}


def test_code_blocks_are_left_out_of_the_index(site):
    index = load_index(site, LANGUAGES.default)
    assert not any("<pre>" in entry["text"] for entry in index["docs"])
    # ...while inline code in the prose can still be found.
    assert any("<code>add_task</code>" in entry["text"] for entry in index["docs"])


@pytest.mark.parametrize("locale", LANGUAGES.translations)
def test_translated_pages_search_their_own_index(site, locale):
    html = (site / locale / "tutorial/first-task/index.html").read_text(encoding="utf-8")
    config = json.loads(
        re.search(
            r'<script id="__config" type="application/json">(.*?)</script>', html, re.S
        ).group(1)
    )
    # The worker fetches <base>search/search_index.json.
    assert config["base"] == f"../../../{locale}/"


def han_tokens(index) -> list[str]:
    han = re.compile(r"^[\u4e00-\u9fff]+$")
    return [t for e in index["docs"] for t in tokens_in_order(index, e) if han.match(t)]


def tokens_in_order(index, entry) -> list[str]:
    separator = re.compile(index["config"]["separator"])
    return [t for t in separator.split(f"{entry['title']} {entry['text']}") if t]


@pytest.mark.parametrize("locale", CHINESE_QUERIES)
def test_every_glossary_word_is_one_word_of_the_index(site, locale):
    index = load_index(site, locale)
    vocabulary = set().union(*(tokens(index, entry) for entry in index["docs"]))
    text = "".join(e["title"] + e["text"] for e in index["docs"]).replace("\u200b", "")

    used = {word for word in glossary_words()[locale] if word in text}

    assert used, "no glossary word on the pages"
    assert sorted(used - vocabulary) == []


def test_traditional_chinese_is_split_into_words_as_well_as_simplified(site):
    # Split with a Simplified dictionary alone, Traditional text falls apart
    # into many more one-character pieces than Simplified text does.
    def one_character_share(locale: str) -> float:
        words = han_tokens(load_index(site, locale))
        return sum(len(word) == 1 for word in words) / len(words)

    assert one_character_share("zh-Hant") <= one_character_share("zh-Hans") + 0.01
