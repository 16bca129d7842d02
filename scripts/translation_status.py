#!/usr/bin/env python3
"""Show which translated pages are missing or outdated.

A translated page is outdated when its English page changed since the
translation was last brought up to date (see docs/en/contributing.md).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.project import (  # noqa: E402
    MISSING,
    UP_TO_DATE,
    english_changes,
    format_table,
    languages,
    pages,
    record_source,
    status,
)


def main(argv: list[str] | None = None) -> int:
    langs = languages()
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--lang", choices=langs.translations, help="only this language")
    parser.add_argument("--check", action="store_true", help="exit 1 if any page is missing")
    parser.add_argument(
        "--update",
        metavar="PAGE",
        help="record that PAGE (e.g. tutorial/first-task.md) in --lang is up to date with English",
    )
    parser.add_argument(
        "--diff",
        metavar="PAGE",
        help="show what changed in the English PAGE since --lang's translation of it",
    )
    args = parser.parse_args(argv)

    if args.diff:
        if not args.lang:
            parser.error("--diff needs --lang")
        changes = english_changes(args.diff, args.lang)
        if changes is None:
            print(f"The English page docs/{args.lang}/{args.diff} was translated from")
            print("is not in git history: compare the two pages by hand.")
            return 1
        print(changes or "No change: the translation is up to date.")
        return 0

    if args.update:
        if not args.lang:
            parser.error("--update needs --lang")
        if status(args.update, args.lang) == MISSING:
            parser.error(f"docs/{args.lang}/{args.update} does not exist")
        digest = record_source(args.update, args.lang)
        print(f"docs/{args.lang}/{args.update}: translated_from {digest}")
        return 0

    targets = [args.lang] if args.lang else list(langs.translations)
    rows = [
        (page, lang, status(page, lang))
        for page in sorted(pages(langs.default))
        for lang in targets
    ]
    print(format_table(("page", "language", "status"), rows))
    counts = {
        state: sum(row[2] == state for row in rows) for state in (UP_TO_DATE, "outdated", MISSING)
    }
    print("\n" + ", ".join(f"{n} {state}" for state, n in counts.items()))
    return 1 if args.check and counts[MISSING] else 0


if __name__ == "__main__":
    sys.exit(main())
