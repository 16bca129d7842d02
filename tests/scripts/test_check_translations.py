from pathlib import Path

from scripts.check_translations import avoided_terms, check, check_page

AVOIDED = {"zh-Hans": avoided_terms("zh-Hans"), "zh-Hant": avoided_terms("zh-Hant")}


def page(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "page.md"
    path.write_text(text, encoding="utf-8")
    return path


def messages(path: Path, locale: str) -> list[str]:
    return [problem.message for problem in check_page(path, locale, AVOIDED[locale])]


def test_the_chinese_pages_pass():
    assert [str(problem) for problem in check()] == []


def test_a_simplified_character_in_a_traditional_page_is_caught(tmp_path):
    path = page(tmp_path, "# 標題\n\n這是一個背景任务。\n")

    assert messages(path, "zh-Hant") == ["not Traditional: 务"]


def test_a_traditional_character_in_a_simplified_page_is_caught(tmp_path):
    path = page(tmp_path, "这是一个後台任务。\n")

    assert messages(path, "zh-Hans") == ["not Simplified: 後"]


def test_an_avoided_term_is_caught(tmp_path):
    path = page(tmp_path, "把工作交給後台任務。\n")

    assert messages(path, "zh-Hant") == ["avoid 後台任務, write 背景任務"]


def test_an_inline_comment_allows_a_justified_exception(tmp_path):
    path = page(tmp_path, "有些舊文章寫作「後台任務」。<!-- allow: 後台任務 -->\n")

    assert messages(path, "zh-Hant") == []


def test_spacing_and_punctuation_between_chinese_and_latin(tmp_path):
    path = page(tmp_path, "使用`add_task`加入任務\n呼叫 FastAPI,然後等待。\n")

    assert messages(path, "zh-Hant") == [
        "put a space between Chinese and Latin text: '用`'",
        "use full-width punctuation in Chinese prose: ',然'",
    ]


def test_code_is_not_prose(tmp_path):
    path = page(tmp_path, "```python\n# 后台任务 in a comment\n```\n\n說明 `后台` 的寫法。\n")

    assert messages(path, "zh-Hant") == []


def test_allowing_a_term_allows_its_characters(tmp_path):
    path = page(tmp_path, "台湾写作“背景任務”。<!-- allow: 背景任務 -->\n")

    assert messages(path, "zh-Hans") == []
