#!/usr/bin/env python3
"""Check the Chinese pages' prose: script, glossary terms, spacing, emphasis, navigation.

- zh-Hant pages use Traditional characters only, zh-Hans pages Simplified only
  (characters shared by both are fine), as told by hanzidentifier.
- No page uses a term that glossary.yml lists under "avoid" for its language:
  mainland words on Taiwan pages, Taiwan words (in Simplified characters) on
  mainland pages, and the second spelling of a word that has one.
- One space between Chinese and Latin letters, digits or inline code, and
  full-width punctuation after Chinese text (，not ,).
- No italics on Chinese text (*强调* or _强调_): Chinese fonts have none, and
  the browser slants the glyphs. Use bold, quotation marks, or nothing.
- Every navigation title, in every language, is a part of its page's heading
  (backticks and case aside), so that the menu and the page name a lesson alike.
- A link to a whole page names that page: its text is a part of the page's
  heading or of its navigation title ([任务函数](task-functions.md)一课, not
  [那一课](task-functions.md)).

Code blocks, inline code, snippet lines, link targets and front matter are
not prose and are not checked. To allow a justified exception, put an HTML
comment on the same line:  <!-- allow: 文件 -->  (the reader never sees it).
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import hanzidentifier

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.project import DOCS, GLOSSARY, ROOT, glossary, languages  # noqa: E402

IS_OF_SCRIPT = {"zh-Hans": hanzidentifier.is_simplified, "zh-Hant": hanzidentifier.is_traditional}
SCRIPT_NAME = {"zh-Hans": "Simplified", "zh-Hant": "Traditional"}

HAN = r"[\u3400-\u4dbf\u4e00-\u9fff]"
ALLOW = re.compile(r"<!--\s*allow:\s*(.*?)\s*-->")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
# What is not prose, and what stands in for it (inline code keeps its
# backticks so that the spacing around it is still checked).
NOT_PROSE = [
    (re.compile(r"<!--.*?-->"), " "),  # comments (allow markers already read)
    (re.compile(r"\]\([^)]*\)"), "]"),  # link targets
    (re.compile(r"`[^`]*`"), "`c`"),  # inline code
    # A link's brackets: the reader sees its text right beside the prose.
    (re.compile(r"!?\[|\]"), ""),
]
# *text* or _text_ (Markdown italicises them next to Chinese characters too),
# but not **text** or __text__ (bold), nor a list's "* ".
ITALIC = re.compile(
    r"(?<!\*)\*(?![*\s])[^*\n]+?(?<![*\s])\*(?!\*)"
    r"|(?<!_)_(?![_\s])[^_\n]+?(?<![_\s])_(?!_)"
    r"|<(?:em|i)>.*?</(?:em|i)>"
)
SPACING = [
    (
        re.compile(rf"{HAN}[A-Za-z0-9`]|[A-Za-z0-9`]{HAN}"),
        "put a space between Chinese and Latin text",
    ),
    (re.compile(rf"{HAN}[,;:!?()]|[,;:!?()]{HAN}"), "use full-width punctuation in Chinese prose"),
]


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        path = self.path.relative_to(ROOT) if self.path.is_relative_to(ROOT) else self.path
        return f"{path}:{self.line}: {self.message}"


def avoided_terms(locale: str, path: Path = GLOSSARY) -> dict[str, str]:
    """Each avoided term of ``locale``, mapped to the term to use instead."""
    return {
        bad: term[locale]
        for term in glossary(path)
        for bad in term.get("avoid", {}).get(locale, [])
    }


def uses(term: str, line: str) -> bool:
    """Whether the prose line uses the term; a Latin term (ID) only as a whole word."""
    if term.isascii():
        return re.search(rf"(?<![A-Za-z0-9_]){re.escape(term)}(?![A-Za-z0-9_])", line) is not None
    return term in line


def prose_lines(text: str):
    """(line number, prose, allowed strings) for each line that is prose."""
    for number, line in markdown_lines(text):
        allowed = {word for match in ALLOW.finditer(line) for word in match.group(1).split()}
        for pattern, stand_in in NOT_PROSE:
            line = pattern.sub(stand_in, line)
        yield number, line, allowed


def markdown_lines(text: str):
    """(line number, line) for each line outside front matter, code and snippets."""
    lines = text.splitlines()
    start = 0
    if lines and lines[0] == "---":  # front matter
        start = next(i for i in range(1, len(lines)) if lines[i] == "---") + 1
    fence = None
    for number, line in enumerate(lines[start:], start + 1):
        marker = FENCE.match(line)
        if fence:
            if marker and marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence):
                fence = None
            continue
        if marker:
            fence = marker.group(1)
            continue
        if line.lstrip().startswith("--8<--"):
            continue
        yield number, line


def check_page(path: Path, locale: str, avoided: dict[str, str]) -> list[Problem]:
    problems = []
    in_script = IS_OF_SCRIPT[locale]
    for number, line, allowed in prose_lines(path.read_text(encoding="utf-8")):
        wrong = sorted(
            {
                c
                for c in re.findall(HAN, line)
                if not in_script(c) and not any(c in w for w in allowed)
            }
        )
        if wrong:
            problems.append(Problem(path, number, f"not {SCRIPT_NAME[locale]}: {' '.join(wrong)}"))
        for bad, good in avoided.items():
            if uses(bad, line) and bad not in allowed:
                problems.append(Problem(path, number, f"avoid {bad}, write {good}"))
        for found in ITALIC.finditer(line):
            if re.search(HAN, found.group(0)):
                problems.append(Problem(path, number, f"no italics on Chinese: {found.group(0)!r}"))
        for pattern, message in SPACING:
            found = pattern.search(line)
            if found and found.group(0) not in allowed:
                problems.append(Problem(path, number, f"{message}: {found.group(0)!r}"))
    return problems


def heading(page: Path) -> str:
    """The page's title, its first "# " line, without backticks."""
    lines = page.read_text(encoding="utf-8").splitlines() if page.exists() else []
    title = next((line for line in lines if line.startswith("# ")), "# ")
    return title[2:].replace("`", "").strip().casefold()


def nav_pages(nav) -> list[tuple[str, str]]:
    """(title, page) of every page in the navigation, sections included."""
    found = []
    for item in nav:
        for title, target in item.items() if isinstance(item, dict) else []:
            if isinstance(target, list):
                found += nav_pages(target)
            else:
                found.append((title, target))
    return found


def check_nav(config_file: Path = ROOT / "mkdocs.yml", docs: Path = DOCS) -> list[Problem]:
    """Each nav title, as each language shows it, is a part of its page's heading.

    The home page is left out: "Home" names a place in the menu, not the page.
    """
    from mkdocs.config import load_config

    config = load_config(str(config_file))
    problems = []
    for lang in config.plugins["i18n"].config.languages:
        translations = lang.nav_translations or {}
        for title, page in nav_pages(config.nav):
            if page == "index.md":
                continue
            shown = title if lang.default else translations.get(title)
            if shown is None:
                message = f"{lang.locale}: no nav title for {title!r}"
            elif shown.replace("`", "").casefold() not in heading(docs / lang.locale / page):
                message = f"{lang.locale}: nav title {shown!r} is not in the heading of {page}"
            else:
                continue
            problems.append(Problem(config_file, 0, message))
    return problems


# [text](page.md): a link to a whole page, not to a section of it.
PAGE_LINK = re.compile(r"\[([^\]]+)\]\(([^)#\s:]+\.md)\)")
CODE_WITH_LINK = re.compile(r"`[^`]*\]\([^`]*`")


def check_links(locale: str, docs: Path = DOCS, titles: dict[str, str] | None = None):
    """A link to a page names it: its text is a part of the page's heading or nav title.

    "[第一课](first-task.md)" tells a reader less than the lesson's title would.
    The home page is left out, as in check_nav.
    """
    problems = []
    folder = docs / locale
    for page in sorted(folder.rglob("*.md")):
        for number, line in markdown_lines(page.read_text(encoding="utf-8")):
            # A link written as code (an example in the guide) is not a link.
            line = CODE_WITH_LINK.sub("`c`", line)
            for text, target in PAGE_LINK.findall(line):
                path = (page.parent / target).resolve()
                if path.name == "index.md" or not path.is_relative_to(folder.resolve()):
                    continue
                name = text.replace("`", "").replace("*", "").strip().casefold()
                known = path.relative_to(folder.resolve()).as_posix()
                nav = (titles or {}).get(known, "").replace("`", "").casefold()
                if name not in heading(path) and not (nav and name in nav):
                    message = f"the link text {text!r} does not name {target} (its heading)"
                    problems.append(Problem(page, number, message))
    return problems


def nav_titles(config_file: Path = ROOT / "mkdocs.yml") -> dict[str, dict[str, str]]:
    """{locale: {page: the title its nav shows}}."""
    from mkdocs.config import load_config

    config = load_config(str(config_file))
    titles = {}
    for lang in config.plugins["i18n"].config.languages:
        translations = lang.nav_translations or {}
        titles[lang.locale] = {
            page: title if lang.default else translations.get(title, "")
            for title, page in nav_pages(config.nav)
        }
    return titles


def check(docs: Path = DOCS, glossary_file: Path = GLOSSARY) -> list[Problem]:
    problems = []
    for locale in IS_OF_SCRIPT:
        if locale not in languages().all:
            continue
        avoided = avoided_terms(locale, glossary_file)
        for page in sorted((docs / locale).rglob("*.md")):
            problems += check_page(page, locale, avoided)
        problems += check_links(locale, docs, nav_titles()[locale])
    return problems + check_nav(docs=docs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.parse_args(argv)
    problems = check()
    for problem in problems:
        print(problem)
    print(
        f"{len(problems)} problem(s)"
        if problems
        else "Chinese pages: script, terms and spacing all fine"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
