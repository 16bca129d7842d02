import shutil
from pathlib import Path

import pytest

from scripts.check_translations import avoided_terms, check, check_links, check_nav, check_page
from scripts.project import DOCS, ROOT
from tests.site.build import copy_project

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


def test_a_links_brackets_do_not_hide_the_missing_space(tmp_path):
    path = page(
        tmp_path,
        "請見[Celery 那一課](a.md)。\n見 [`yield`](b.md)那一課。\n見 [Celery 課](c.md) 那一課。\n",
    )

    assert messages(path, "zh-Hant") == [
        "put a space between Chinese and Latin text: '見C'",
        "put a space between Chinese and Latin text: '`那'",
    ]


def test_code_is_not_prose(tmp_path):
    path = page(tmp_path, "```python\n# 后台任务 in a comment\n```\n\n說明 `后台` 的寫法。\n")

    assert messages(path, "zh-Hant") == []


def test_allowing_a_term_allows_its_characters(tmp_path):
    path = page(tmp_path, "台湾写作“背景任務”。<!-- allow: 背景任務 -->\n")

    assert messages(path, "zh-Hans") == []


def test_a_taiwan_word_on_a_mainland_page_is_caught(tmp_path):
    # Simplified characters, but the Taiwan word for a function and a response.
    path = page(tmp_path, "这个函式返回回应。\n")

    assert messages(path, "zh-Hans") == ["avoid 函式, write 函数", "avoid 回应, write 响应"]


def test_the_second_spelling_of_a_word_is_caught(tmp_path):
    path = page(tmp_path, "以 `201` 应答。每个任务都有一个 id。\n")

    assert messages(path, "zh-Hans") == ["avoid 应答, write 响应"]
    path = page(tmp_path, "任務的 ID 寫在稽核記錄裡。它會記錄這個查詢。\n")

    assert messages(path, "zh-Hant") == ["avoid ID, write id", "avoid 稽核記錄, write 紀錄"]


def test_a_latin_term_is_matched_as_a_whole_word(tmp_path):
    path = page(tmp_path, "每個 UUID 都不同，PID 也是。\n")

    assert messages(path, "zh-Hant") == []


@pytest.mark.parametrize("emphasis", ["*不同*", "_不同_", "<em>不同</em>"])
@pytest.mark.parametrize("locale", ["zh-Hans", "zh-Hant"])
def test_italics_on_chinese_text_are_caught(tmp_path, locale, emphasis):
    path = page(tmp_path, f"中文{emphasis}。\n")  # characters of both scripts

    assert messages(path, locale) == [f"no italics on Chinese: {emphasis!r}"]


def test_bold_lists_and_latin_italics_are_fine(tmp_path):
    text = "* 第一項：**不同**的請求\n* 第二項：*the* word `*args*`\n\n2 * 3 * 4\n"

    assert messages(page(tmp_path, text), "zh-Hant") == []


def nav_problems(tmp_path, nav_title: str, heading: str) -> list[str]:
    """check_nav on a copy of the project whose zh-Hant glossary has this nav title and heading."""
    project = copy_project(ROOT, tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("Glossary: 術語表", f"Glossary: {nav_title}"))
    glossary_page = project / "docs/zh-Hant/glossary.md"
    glossary_page.write_text(
        glossary_page.read_text(encoding="utf-8").replace("# 術語表", f"# {heading}")
    )
    return [p.message for p in check_nav(config, project / "docs") if "glossary" in p.message]


def test_a_nav_title_must_be_part_of_its_pages_heading(tmp_path):
    assert nav_problems(tmp_path, "名詞對照", "術語表") == [
        "zh-Hant: nav title '名詞對照' is not in the heading of glossary.md"
    ]


def test_a_nav_title_that_is_part_of_the_heading_passes(tmp_path):
    assert nav_problems(tmp_path, "術語表", "本教學的術語表") == []


def link_problems(tmp_path, line: str) -> list[str]:
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs)
    page = docs / "zh-Hans/tutorial/testing.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    return [p.message for p in check_links("zh-Hans", docs)]


def test_a_link_that_does_not_name_its_page_is_caught(tmp_path):
    assert link_problems(tmp_path, "详见[第一课](first-task.md)。") == [
        "the link text '第一课' does not name first-task.md (its heading)"
    ]


def test_a_link_that_names_its_page_or_a_section_passes(tmp_path):
    line = "详见[第一个后台任务](first-task.md)一课，以及[这一节](first-task.md#示例)。"

    assert link_problems(tmp_path, line) == []


def test_a_link_written_as_code_is_not_a_link(tmp_path):
    assert (
        link_problems(
            tmp_path,
            "写成 `[任务函数](task-functions.md)一课`，不要写 `[下一课](task-functions.md)`。",
        )
        == []
    )
