"""What the project is made of, for the scripts, hooks and tests alike.

Its languages and pages (read from mkdocs.yml, so the list of languages lives
there alone), the translation status of each page, the plain-text tables the
scripts print, and building, serving and opening the site.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
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
    env = {**unmeasured(os.environ), "NO_MKDOCS_2_WARNING": "1", "BUILD_ONLY_LOCALE": only}
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


def unmeasured(env: Mapping[str, str]) -> dict[str, str]:
    """``env`` for a Python command that runs no example, such as a build.

    scripts/test.sh measures the coverage of docs_src in every Python process
    the tests start (coverage's patch = subprocess). A build or a script runs
    none of it, and being traced doubles its time.
    """
    return {name: value for name, value in env.items() if name != "COVERAGE_PROCESS_CONFIG"}


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on (as the kernel hands one out)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


class _LoopbackServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that closes a connection it no longer needs is no error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def _serve(folder: Path, handler: type[SimpleHTTPRequestHandler]) -> Iterator[str]:
    server = _LoopbackServer(("127.0.0.1", 0), functools.partial(handler, directory=folder))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def serve_folder(folder: Path) -> AbstractContextManager[str]:
    """Serve a built site on a free loopback port; yield its base URL."""
    return _serve(folder, _QuietHandler)


class _StaticHostHandler(_QuietHandler):
    """Answers as a static host does: compressed text, its type, cache headers.

    Text (HTML, CSS, JS, JSON, SVG, XML) is gzipped when the browser accepts
    it. File names with a content hash (Material's ``main.1a2b3c4d.min.css``)
    are cached for a year; everything else is revalidated after ten minutes,
    against its ETag. A missing page gets the site's 404.html.
    """

    TYPES = {
        ".html": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".xml": "application/xml",
        ".txt": "text/plain; charset=utf-8",
        ".png": "image/png",
        ".ico": "image/x-icon",
        ".woff2": "font/woff2",
        ".gz": "application/gzip",
    }
    protocol_version = "HTTP/1.1"  # keep-alive, as a real host
    COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")
    HASHED = re.compile(r"\.[0-9a-f]{8,}\.min\.(?:js|css)$")
    _cache: dict[tuple[str, int, bool], bytes] = {}

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def do_GET(self) -> None:
        self._answer(body=True)

    def _answer(self, body: bool) -> None:
        path = Path(self.translate_path(self.path))
        status = 200
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                self.send_response(301)
                self.send_header("Location", self.path.split("?", 1)[0] + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path = path / "index.html"
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"
            if not path.is_file():
                self.send_error(404)
                return
        stat = path.stat()
        gzipped = path.suffix in self.COMPRESSED and "gzip" in self.headers.get(
            "Accept-Encoding", ""
        )
        key = (str(path), stat.st_mtime_ns, gzipped)
        if key not in self._cache:
            data = path.read_bytes()
            self._cache[key] = gzip.compress(data, 9, mtime=0) if gzipped else data
        data = self._cache[key]
        etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}{"-gz" if gzipped else ""}"'
        if status == 200 and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(status)
        self.send_header("Content-Type", self.TYPES.get(path.suffix, "application/octet-stream"))
        self.send_header("Content-Length", str(len(data)))
        if path.suffix in self.COMPRESSED:
            self.send_header("Vary", "Accept-Encoding")
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        if self.HASHED.search(path.name):
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        else:
            self.send_header("Cache-Control", "public, max-age=600")
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.end_headers()
        if body:
            self.wfile.write(data)


def serve_like_a_host(folder: Path) -> AbstractContextManager[str]:
    """Serve ``folder`` on a free loopback port as a static host would; yield its base URL.

    The port is taken before anything is served, so the site can be built
    into ``folder`` inside the block, knowing its own address.
    """
    return _serve(folder, _StaticHostHandler)


# Playwright downloads no browser: it drives Debian's. The tests and the
# diagrams use chromium-headless-shell (scripts/test.sh installs it): the same
# engine without the desktop browser around it, the build that Playwright
# itself runs headless; the browser tests take a third less CPU time with it
# than with the full browser in its headless mode. (scripts/bench.py measures
# with the full browser, as a reader's.)
CHROMIUM = os.environ.get(
    "CHROMIUM", shutil.which("chromium-headless-shell") or "/usr/bin/chromium-headless-shell"
)
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
