#!/usr/bin/env python3
"""Check the Chinese pages' prose: script, glossary terms and spacing.

- zh-Hant pages use Traditional characters only, zh-Hans pages Simplified only
  (characters shared by both are fine), as told by hanzidentifier.
- No page uses a term that glossary.yml lists under "avoid" for its language.
- One space between Chinese and Latin letters, digits or inline code, and
  full-width punctuation after Chinese text (，not ,).

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
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.project import DOCS, ROOT, languages  # noqa: E402

GLOSSARY = ROOT / "glossary.yml"
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
]
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


def avoided_terms(locale: str, glossary: Path = GLOSSARY) -> dict[str, str]:
    """Each avoided term of ``locale``, mapped to the term to use instead."""
    terms = yaml.safe_load(glossary.read_text(encoding="utf-8"))
    return {bad: term[locale] for term in terms for bad in term.get("avoid", {}).get(locale, [])}


def prose_lines(text: str):
    """(line number, prose, allowed strings) for each line that is prose."""
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
        allowed = {word for match in ALLOW.finditer(line) for word in match.group(1).split()}
        for pattern, stand_in in NOT_PROSE:
            line = pattern.sub(stand_in, line)
        yield number, line, allowed


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
            if bad in line and bad not in allowed:
                problems.append(Problem(path, number, f"avoid {bad}, write {good}"))
        for pattern, message in SPACING:
            found = pattern.search(line)
            if found and found.group(0) not in allowed:
                problems.append(Problem(path, number, f"{message}: {found.group(0)!r}"))
    return problems


def check(docs: Path = DOCS, glossary: Path = GLOSSARY) -> list[Problem]:
    problems = []
    for locale in IS_OF_SCRIPT:
        if locale not in languages().all:
            continue
        avoided = avoided_terms(locale, glossary)
        for page in sorted((docs / locale).rglob("*.md")):
            problems += check_page(page, locale, avoided)
    return problems


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
