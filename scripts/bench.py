#!/usr/bin/env python3
"""Measure the site: build times, test-suite time, what each lesson costs a reader, Lighthouse.

Prints tables and writes the same figures as JSON. Checks the budgets:
a full strict build under 15 s; the whole of scripts/test.sh under 150 s
(it also reports the CPU time the machine spent meanwhile); a lesson page
under 500 KB as a host that compresses text sends it; no request to another
host; and on every lesson page in every language, Lighthouse's default
mobile run scoring performance >= 0.95, accessibility, best practices and
SEO 1.00, with a total blocking time of at most 100 ms.
Exits 1 when a budget is broken, listing what broke.

Lighthouse loads each page from a local server that answers as a static host
does (gzip for text, content types, cache headers), with the site built for
that server's address (SITE_URL), one page after another: about 16 s a
page and run, 15 minutes for the 57 lesson pages. Scores vary from run to run on a
busy machine; --lighthouse-runs 3 keeps each page's median run.

Needs what scripts/setup.sh installs. The page weights and Lighthouse use
Debian's full chromium, as a reader's browser (the tests run its headless
shell); the first run installs it with apt-get if it is missing. Lighthouse
comes from npm, pinned in scripts/lighthouse/; the first run installs it into
.tools/lighthouse/ (Node.js and npm needed; no browser is downloaded).
"""

from __future__ import annotations

import argparse
import functools
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
    CHROMIUM_ARGS,
    ROOT,
    build_site,
    format_table,
    languages,
    pages,
    serve_like_a_host,
)

BUILD_BUDGET = 15.0  # seconds, full three-language strict build
SUITE_BUDGET = 150.0  # seconds, the whole of scripts/test.sh
# Bytes a browser receives for one lesson page from a host that compresses
# text, as real static hosts do (serve_like_a_host).
PAGE_BUDGET = 500_000
# Lighthouse: the lowest score each category may have, and the longest
# total blocking time, on every lesson page.
SCORE_BUDGETS = {
    "performance": 0.95,
    "accessibility": 1.0,
    "best-practices": 1.0,
    "seo": 1.0,
}
TBT_BUDGET = 100  # milliseconds
LIGHTHOUSE_TIMEOUT = 300  # seconds for one page, Chromium's start included


def build(site_dir: Path, only: str = "") -> float:
    start = time.perf_counter()
    done = build_site(site_dir, only=only)
    if done.returncode:
        sys.exit(f"the build failed:\n{done.stderr}")
    return time.perf_counter() - start


def median_build(runs: int, only: str = "") -> float:
    with tempfile.TemporaryDirectory() as folder:
        return statistics.median(build(Path(folder) / "site", only) for _ in range(runs))


def from_lib_sh(function: str) -> str | None:
    """The last line a function of scripts/lib.sh prints, or None if it fails."""
    done = subprocess.run(
        ["bash", "-c", f"source scripts/lib.sh && {function}"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    return None if done.returncode else done.stdout.strip().splitlines()[-1]


def busy_cpu_seconds() -> float | None:
    """CPU time the whole machine has spent busy since it started (Linux), or None.

    Every process counts: Chromium's, Redis's and each server's as well as pytest's.
    """
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]
    except OSError:
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, fields)
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def suite_time() -> dict:
    """scripts/test.sh, whole, as a contributor and CI run it; how long it took, and the
    CPU time the machine spent meanwhile (the most two cores can give is twice the time)."""
    busy = busy_cpu_seconds()
    start = time.perf_counter()
    done = subprocess.run(["bash", "scripts/test.sh"], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode:
        sys.exit(f"scripts/test.sh failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    after = busy_cpu_seconds()
    return {
        "seconds": round(seconds, 1),
        "cpu_seconds": None if busy is None or after is None else round(after - busy),
        "pytest_workers": from_lib_sh("pytest_workers"),
    }


def positive(text: str) -> int:
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {number}")
    return number


def lessons() -> list[str]:
    return sorted(p for p in pages(languages().default) if p.startswith("tutorial/"))


def page_weights(site: Path) -> list[dict]:
    from playwright.sync_api import sync_playwright

    langs = languages()
    rows = []
    with serve_like_a_host(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_browser(), args=CHROMIUM_ARGS)
        for lesson in lessons():
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


# --- Lighthouse ----------------------------------------------------------------


def ensure_lighthouse() -> str:
    """Install the pinned Lighthouse if needed (scripts/lib.sh); return its command."""
    cli = from_lib_sh("ensure_lighthouse")
    if cli is None:
        sys.exit("could not install Lighthouse (scripts/lib.sh ensure_lighthouse)")
    return cli


@functools.cache
def chromium_browser() -> str:
    """Debian's full chromium (scripts/lib.sh installs it if missing); its path."""
    path = from_lib_sh("ensure_chromium_browser")
    if path is None:
        sys.exit("could not install chromium (scripts/lib.sh ensure_chromium_browser)")
    return path


def chromium_version() -> str:
    done = subprocess.run([chromium_browser(), "--version"], capture_output=True, text=True)
    return done.stdout.strip()


def lighthouse_report(cli: str, url: str) -> dict:
    """One Lighthouse run of one page, in its default (mobile) mode; the JSON report."""
    command = [
        cli,
        url,
        "--only-categories=" + ",".join(SCORE_BUDGETS),
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        "--no-enable-error-reporting",
        "--chrome-flags=" + " ".join(["--headless=new", *CHROMIUM_ARGS]),
    ]
    try:
        done = subprocess.run(
            command,
            env={**os.environ, "CHROME_PATH": chromium_browser()},
            capture_output=True,
            text=True,
            timeout=LIGHTHOUSE_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        sys.exit(f"Lighthouse took over {LIGHTHOUSE_TIMEOUT} s on {url}")
    if done.returncode:
        sys.exit(f"Lighthouse failed on {url}:\n{done.stderr}")
    report = json.loads(done.stdout)
    if report.get("runtimeError"):
        sys.exit(f"Lighthouse could not load {url}: {report['runtimeError']}")
    return report


def failed_audits(report: dict) -> dict[str, list[dict]]:
    """Per category, the scored audits that did not pass, lowest score first."""
    audits = report["audits"]
    failed = {}
    for name, category in report["categories"].items():
        items = []
        for ref in category["auditRefs"]:
            audit = audits[ref["id"]]
            if audit["scoreDisplayMode"] not in ("binary", "numeric", "metricSavings"):
                continue
            if audit["score"] is None or audit["score"] >= 1 or not ref["weight"]:
                continue
            items.append(
                {
                    "id": ref["id"],
                    "score": audit["score"],
                    "title": audit["title"],
                    "value": audit.get("displayValue", ""),
                }
            )
        if items:
            failed[name] = sorted(items, key=lambda item: item["score"])
    return failed


def summary(report: dict) -> dict:
    audits = report["audits"]
    return {
        "scores": {name: c["score"] for name, c in report["categories"].items()},
        "total_blocking_time_ms": round(audits["total-blocking-time"]["numericValue"]),
        "transferred_bytes": round(audits["total-byte-weight"]["numericValue"]),
        "metrics": {
            key: round(audits[key]["numericValue"], 3)
            if key == "cumulative-layout-shift"
            else round(audits[key]["numericValue"])
            for key in (
                "first-contentful-paint",
                "largest-contentful-paint",
                "speed-index",
                "cumulative-layout-shift",
            )
        },
        # Lighthouse's measure of this machine's speed at that moment; under
        # about 1000 it warns that the CPU is slower than it assumes.
        "benchmark_index": round(report["environment"]["benchmarkIndex"]),
        "failed_audits": failed_audits(report),
        # Audits Lighthouse could not run (none of them is scored today), and
        # its warnings about the run, such as a CPU slower than it assumes.
        "errored_audits": sorted(
            name for name, audit in audits.items() if audit["scoreDisplayMode"] == "error"
        ),
        "run_warnings": report["runWarnings"],
    }


def lighthouse(runs: int, reports: Path | None) -> dict:
    """Lighthouse on every lesson page of every language, one after another.

    The site is built for the address of the server that serves it, so its
    canonical and hreflang links point at the pages Lighthouse loads. With
    several runs, each page keeps the run with the median performance score.
    """
    cli = ensure_lighthouse()
    langs = languages()
    rows = []
    version = ""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        with serve_like_a_host(site) as base:
            done = build_site(site, site_url=base + "/")
            if done.returncode:
                sys.exit(f"the build failed:\n{done.stderr}")
            for lesson in lessons():
                for locale in langs.all:
                    url = f"{base}/{langs.url(locale, lesson)}"
                    print(f"Lighthouse: {url}", file=sys.stderr, flush=True)
                    results = [lighthouse_report(cli, url) for _ in range(runs)]
                    results.sort(
                        key=lambda r: (
                            r["categories"]["performance"]["score"] or 0,
                            -r["audits"]["total-blocking-time"]["numericValue"],
                        )
                    )
                    report = results[len(results) // 2]
                    version = report["lighthouseVersion"]
                    if reports:
                        reports.mkdir(parents=True, exist_ok=True)
                        name = f"{locale}-{lesson.replace('/', '-').removesuffix('.md')}.json"
                        (reports / name).write_text(json.dumps(report), encoding="utf-8")
                    rows.append({"page": lesson, "language": locale, **summary(report)})
    return {
        "lighthouse": version,
        "chromium": chromium_version(),
        "mode": "mobile, simulated throttling (Lighthouse's default)",
        "runs_per_page": runs,
        "seconds": round(time.perf_counter() - start),
        "pages": rows,
    }


def lighthouse_budgets(rows: list[dict]) -> list[str]:
    broken = []
    for row in rows:
        where = f"{row['language']}/{row['page']}"
        for name, lowest in SCORE_BUDGETS.items():
            score = row["scores"][name]
            if score is None or score < lowest:
                audits = ", ".join(
                    f"{a['id']} {a['score']:.2f}" for a in row["failed_audits"].get(name, [])
                )
                shown = "not computed" if score is None else f"{score:.2f}"
                because = f" ({audits})" if audits else ""
                broken.append(f"{where}: {name} {shown} < {lowest:.2f}{because}")
        if row["total_blocking_time_ms"] > TBT_BUDGET:
            broken.append(
                f"{where}: total blocking time {row['total_blocking_time_ms']} ms > {TBT_BUDGET} ms"
            )
    return broken


def lighthouse_table(figures: dict) -> str:
    header = ("page", "lang", "perf", "a11y", "best pr.", "SEO", "TBT ms", "KB sent", "CPU index")
    rows = [
        (
            r["page"],
            r["language"],
            *(
                "n/a" if r["scores"][name] is None else f"{r['scores'][name]:.2f}"
                for name in SCORE_BUDGETS
            ),
            str(r["total_blocking_time_ms"]),
            f"{r['transferred_bytes'] / 1000:.0f}",
            str(r["benchmark_index"]),
        )
        for r in figures["pages"]
    ]
    errored = sorted({name for r in figures["pages"] for name in r["errored_audits"]})
    warned = sum(1 for r in figures["pages"] if r["run_warnings"])
    notes = []
    if errored:
        notes.append(f"Audits Lighthouse could not run (on some page): {', '.join(errored)}")
    if warned:
        notes.append(
            f"Lighthouse warned about the run on {warned} page{'s' if warned > 1 else ''}"
            " (run_warnings in the JSON)"
        )
    return "\n".join(
        [
            f"Lighthouse {figures['lighthouse']}, {figures['chromium']}, {figures['mode']}; "
            f"{figures['seconds']} s for {len(rows)} pages, "
            + (
                "one run each"
                if figures["runs_per_page"] == 1
                else f"median of {figures['runs_per_page']} runs each"
            ),
            format_table(header, rows),
            *notes,
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--runs", type=positive, default=3, help="builds to take the median of (default 3)"
    )
    parser.add_argument(
        "--json", type=Path, default=Path("bench.json"), help="where to write the figures"
    )
    parser.add_argument(
        "--skip-suite", action="store_true", help="do not time scripts/test.sh (about 4 minutes)"
    )
    part = parser.add_mutually_exclusive_group()
    part.add_argument("--skip-lighthouse", action="store_true", help="do not run Lighthouse")
    part.add_argument(
        "--lighthouse-only",
        action="store_true",
        help="run Lighthouse alone: no build times, suite time or page weights",
    )
    parser.add_argument(
        "--lighthouse-runs",
        type=positive,
        default=1,
        metavar="N",
        help="Lighthouse runs per page; each page keeps its median run (default 1)",
    )
    parser.add_argument(
        "--lighthouse-reports",
        type=Path,
        metavar="DIR",
        help="also save each page's full Lighthouse report (JSON) in DIR",
    )
    args = parser.parse_args(argv)

    # Other work on the machine slows every measure; the load average says how much.
    figures: dict = {
        "machine": {"cpus": os.cpu_count(), "load_average_at_start": round(os.getloadavg()[0], 2)}
    }
    broken = []
    if not args.lighthouse_only:
        figures["full_build_s"] = round(median_build(args.runs), 2)
        figures["one_language_build_s"] = round(
            median_build(args.runs, only=languages().default), 2
        )
        if not args.skip_suite:
            figures["test_sh"] = suite_time()
            if (seconds := figures["test_sh"]["seconds"]) > SUITE_BUDGET:
                broken.append(f"scripts/test.sh {seconds} s > {SUITE_BUDGET:.0f} s")
        with tempfile.TemporaryDirectory() as folder:
            site = Path(folder) / "site"
            build(site)
            figures["pages"] = page_weights(site)
        if figures["full_build_s"] > BUILD_BUDGET:
            broken.append(f"full build {figures['full_build_s']} s > {BUILD_BUDGET} s")
        for row in figures["pages"]:
            where = f"{row['language']}/{row['page']}"
            if row["bytes"] > PAGE_BUDGET:
                broken.append(f"{where}: {row['bytes']:,} bytes > {PAGE_BUDGET:,}")
            if row["third_party_requests"]:
                broken.append(f"{where}: {row['third_party_requests']} third-party requests")
    if not args.skip_lighthouse:
        figures["lighthouse"] = lighthouse(args.lighthouse_runs, args.lighthouse_reports)
        broken += lighthouse_budgets(figures["lighthouse"]["pages"])
    figures["budgets_broken"] = broken

    if not args.lighthouse_only:
        summary = [
            (
                f"Full strict build, 3 languages (median of {args.runs})",
                f"{figures['full_build_s']:.2f} s",
            ),
            (
                f"One-language build (median of {args.runs})",
                f"{figures['one_language_build_s']:.2f} s",
            ),
        ]
        if "test_sh" in figures:
            suite = figures["test_sh"]
            cpu = "" if suite["cpu_seconds"] is None else f", {suite['cpu_seconds']} s of CPU"
            summary.append(
                (
                    f"scripts/test.sh, whole ({suite['pytest_workers']} pytest workers)",
                    f"{suite['seconds']:.1f} s{cpu}",
                )
            )
        budgets = f"full build {BUILD_BUDGET:.0f} s, scripts/test.sh {SUITE_BUDGET:.0f} s"
        print(format_table(("measure", f"time (budgets: {budgets})"), summary))
        print()
        header = ("page", "lang", "requests", "KB received", "third-party")
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
    if not args.skip_lighthouse:
        print(lighthouse_table(figures["lighthouse"]))
        print()
    figures["machine"]["load_average_at_end"] = round(os.getloadavg()[0], 2)
    machine = figures["machine"]
    print(
        f"Machine: {machine['cpus']} CPUs; load average {machine['load_average_at_start']:.1f} "
        f"at the start, {machine['load_average_at_end']:.1f} at the end"
    )
    print("Budgets: all met" if not broken else "Budgets broken:\n  " + "\n  ".join(broken))
    args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"Figures written to {args.json}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
