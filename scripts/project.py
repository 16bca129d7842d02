"""What the project is made of, for the scripts, hooks and tests alike.

Its languages and pages (read from mkdocs.yml, so the list of languages lives
there alone), the translation status of each page, the plain-text tables the
scripts print, and building, serving and opening the site.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
# The terms of the tutorial in each language (rendered and enforced).
GLOSSARY = ROOT / "glossary.yml"
# Diagrams: Mermaid text in the pages, SVG rendered ahead of time in DIAGRAMS.
DIAGRAMS = ROOT / "diagrams"
MERMAID = ROOT / "vendor" / "mermaid"


@dataclass(frozen=True)
class Languages:
    default: str
    all: tuple[str, ...]

    @property
    def translations(self) -> tuple[str, ...]:
        return tuple(lang for lang in self.all if lang != self.default)

    def url_prefix(self, locale: str) -> str:
        """Where a language lives in the built site: "" or "zh-Hans/"."""
        return "" if locale == self.default else f"{locale}/"

    def url(self, locale: str, page: str) -> str:
        """A page's address in the built site, relative to its root.

        ("zh-Hans", "tutorial/first-task.md") -> "zh-Hans/tutorial/first-task/"
        """
        stem = PurePosixPath(page).with_suffix("")
        folder = stem.parent if stem.name == "index" else stem
        path = "" if str(folder) == "." else f"{folder}/"
        return self.url_prefix(locale) + path


def languages_of(config) -> Languages:
    """The languages of a loaded MkDocs config (the i18n plugin's list)."""
    entries = config.plugins["i18n"].config.languages
    default = next(lang.locale for lang in entries if lang.default)
    return Languages(default, tuple(lang.locale for lang in entries))


@cache
def languages() -> Languages:
    from mkdocs.config import load_config

    return languages_of(load_config(str(ROOT / "mkdocs.yml")))


def pages(locale: str) -> set[str]:
    """The Markdown pages of one language, as paths relative to its folder."""
    folder = DOCS / locale
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*.md")}


# --- Glossary ----------------------------------------------------------------
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


def glossary(path: Path = GLOSSARY) -> list[dict]:
    """The terms of glossary.yml, in the order the lessons introduce them."""
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


def glossary_words(path: Path = GLOSSARY) -> dict[str, set[str]]:
    """The Chinese words of the glossary, per language: 参数 / 实参 gives 参数 and 实参."""
    return {
        locale: {word for term in glossary(path) for word in HAN_RUN.findall(term[locale])}
        for locale in ("zh-Hans", "zh-Hant")
    }


# --- Translation status ----------------------------------------------------
# A translated page names the version of the English page it was translated
# from, as a hash in its front matter:
#
#     ---
#     translated_from: 1a2b3c4d5e6f
#     ---
#
# When the English page changes, its hash no longer matches: the translation
# is outdated until a translator brings it up to date and records the new hash.

SOURCE_KEY = "translated_from"
MISSING, UP_TO_DATE, OUTDATED = "missing", "up to date", "outdated"
_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)


def source_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def front_matter(text: str) -> dict[str, str]:
    """The simple ``key: value`` lines of a page's front matter."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}
    pairs = (line.split(":", 1) for line in match.group(1).splitlines() if ":" in line)
    return {key.strip(): value.strip() for key, value in pairs}


def status(page: str, locale: str, docs: Path = DOCS) -> str:
    """missing, up to date or outdated: one page in one language."""
    translation = docs / locale / page
    if not translation.exists():
        return MISSING
    english = (docs / languages().default / page).read_text(encoding="utf-8")
    recorded = front_matter(translation.read_text(encoding="utf-8")).get(SOURCE_KEY)
    return UP_TO_DATE if recorded == source_hash(english) else OUTDATED


def record_source(page: str, locale: str, docs: Path = DOCS) -> str:
    """Write the current English page's hash into the translation; return it."""
    translation = docs / locale / page
    english = (docs / languages().default / page).read_text(encoding="utf-8")
    digest = source_hash(english)
    text = translation.read_text(encoding="utf-8")
    line = f"{SOURCE_KEY}: {digest}\n"
    match = _FRONT_MATTER.match(text)
    if not match:
        text = f"---\n{line}---\n\n{text}"
    else:
        body = match.group(1)
        key_line = re.compile(rf"^{SOURCE_KEY}:.*\n", re.M)
        body = key_line.sub(line, body) if key_line.search(body) else body + line
        text = f"---\n{body}---\n{text[match.end() :]}"
    translation.write_text(text, encoding="utf-8")
    return digest


def english_changes(page: str, locale: str) -> str | None:
    """The diff of the English page since the version ``locale`` was translated from.

    Found by looking through git history for the version whose hash the
    translation recorded; None when no such version is in history.
    """
    english = f"docs/{languages().default}/{page}"
    recorded = front_matter((DOCS / locale / page).read_text(encoding="utf-8")).get(SOURCE_KEY)

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout

    for commit in git("log", "--format=%H", "--", english).split():
        if source_hash(git("show", f"{commit}:{english}")) == recorded:
            return git("diff", commit, "--", english)
    return None


def format_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    """Columns padded to their widest cell; plain text, for any terminal or log."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [header, tuple("-" * w for w in widths), *rows]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )


# --- Diagrams ----------------------------------------------------------------
# A ```mermaid fence at the start of a line, up to its closing fence.
MERMAID_FENCE = re.compile(r"^```mermaid[ \t]*\n(.*?)^```[ \t]*$", re.M | re.S)
DIAGRAM_SCHEMES = ("light", "dark")


def diagram_key(source: str) -> str:
    """Names a diagram's SVG files: its text and the Mermaid release that draws it."""
    version = (MERMAID / "VERSION").read_text(encoding="utf-8")
    return hashlib.sha256(f"{version}\n{source}".encode()).hexdigest()[:16]


def diagram_files(key: str) -> list[str]:
    return [f"{key}-{scheme}.svg" for scheme in DIAGRAM_SCHEMES]


def diagram_sources(docs: Path = DOCS) -> dict[str, str]:
    """{key: Mermaid text} of every diagram on every page of every language."""
    return {
        diagram_key(source): source
        for page in sorted(docs.rglob("*.md"))
        for source in MERMAID_FENCE.findall(page.read_text(encoding="utf-8"))
    }


# --- Building and serving the site -----------------------------------------


def build_site(
    site_dir: Path, *, project: Path = ROOT, only: str = "", site_url: str = ""
) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of ``project`` into ``site_dir``; every language unless ``only``.

    ``site_url`` is where the site will be published (SITE_URL); without it,
    every link is relative. Returns the finished process (its stderr holds the
    log); does not raise.
    """
    # Set here whatever a developer's shell says (an empty SITE_URL reads as None).
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BUILD_ONLY_LOCALE": only}
    env.pop("SITE_URL", None)
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve a built site on a free loopback port; yield its base URL."""
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=folder)
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


# Debian's chromium, which scripts/test.sh installs; Playwright downloads no browser.
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
# Without the networking flags Chromium calls home at start; the site must
# work with no network but loopback.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
