#!/usr/bin/env python3
"""Measure the site: build times, test-suite time, and what each lesson costs a reader.

Prints a table and writes the same figures as JSON. Checks the budgets:
a full strict build under 15 s, a lesson page under 500 KB, and no request
to another host. Exits 1 when a budget is broken.

Needs what scripts/setup.sh installs, and Chromium (scripts/test.sh installs it).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.project import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    build_site,
    format_table,
    languages,
    pages,
    serve_folder,
)

BUILD_BUDGET = 15.0  # seconds, full three-language strict build
PAGE_BUDGET = 500_000  # bytes a browser loads for one lesson page


def build(site_dir: Path, only: str = "") -> float:
    start = time.perf_counter()
    done = build_site(site_dir, only=only)
    if done.returncode:
        sys.exit(f"the build failed:\n{done.stderr}")
    return time.perf_counter() - start


def median_build(runs: int, only: str = "") -> float:
    with tempfile.TemporaryDirectory() as folder:
        return statistics.median(build(Path(folder) / "site", only) for _ in range(runs))


def suite_time() -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "auto"],
        cwd=ROOT,
        check=True,
    )
    return time.perf_counter() - start


def page_weights(site: Path) -> list[dict]:
    from playwright.sync_api import sync_playwright

    langs = languages()
    lessons = sorted(p for p in pages(langs.default) if p.startswith("tutorial/"))
    rows = []
    with serve_folder(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for lesson in lessons:
            for locale in langs.all:
                tab = browser.new_page()
                loaded: list[tuple[str, int]] = []
                tab.on(
                    "requestfinished",
                    lambda r, loaded=loaded: loaded.append((r.url, r.sizes()["responseBodySize"])),
                )
                tab.goto(f"{base}/{langs.url(locale, lesson)}")
                tab.wait_for_load_state("networkidle")
                tab.close()
                local = [(u, n) for u, n in loaded if u.startswith(base + "/")]
                rows.append(
                    {
                        "page": lesson,
                        "language": locale,
                        "requests": len(loaded),
                        "bytes": sum(n for _, n in local),
                        "third_party_requests": len(loaded) - len(local),
                    }
                )
        browser.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="builds to take the median of (default 3)"
    )
    parser.add_argument(
        "--json", type=Path, default=Path("bench.json"), help="where to write the figures"
    )
    parser.add_argument("--skip-suite", action="store_true", help="do not time the test suite")
    args = parser.parse_args(argv)

    figures: dict = {"machine": {"cpus": os.cpu_count()}}
    figures["full_build_s"] = round(median_build(args.runs), 2)
    figures["one_language_build_s"] = round(median_build(args.runs, only=languages().default), 2)
    if not args.skip_suite:
        figures["test_suite_s"] = round(suite_time(), 1)
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build(site)
        figures["pages"] = page_weights(site)

    broken = []
    if figures["full_build_s"] > BUILD_BUDGET:
        broken.append(f"full build {figures['full_build_s']} s > {BUILD_BUDGET} s")
    for row in figures["pages"]:
        where = f"{row['language']}/{row['page']}"
        if row["bytes"] > PAGE_BUDGET:
            broken.append(f"{where}: {row['bytes']:,} bytes > {PAGE_BUDGET:,}")
        if row["third_party_requests"]:
            broken.append(f"{where}: {row['third_party_requests']} third-party requests")
    figures["budgets_broken"] = broken

    summary = [
        (
            f"Full strict build, 3 languages (median of {args.runs})",
            f"{figures['full_build_s']:.2f} s",
        ),
        (f"One-language build (median of {args.runs})", f"{figures['one_language_build_s']:.2f} s"),
    ]
    if "test_suite_s" in figures:
        summary.append(("Whole test suite", f"{figures['test_suite_s']:.1f} s"))
    print(format_table(("measure", f"time (budget: full build {BUILD_BUDGET:.0f} s)"), summary))
    print()
    header = ("page", "lang", "requests", "KB loaded", "third-party")
    rows = [
        (
            r["page"],
            r["language"],
            str(r["requests"]),
            f"{r['bytes'] / 1000:.0f}",
            str(r["third_party_requests"]),
        )
        for r in figures["pages"]
    ]
    print(format_table(header, rows))
    print()
    print("Budgets: all met" if not broken else "Budgets broken:\n  " + "\n  ".join(broken))
    args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"Figures written to {args.json}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
