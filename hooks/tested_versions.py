"""Show, on every lesson with examples, what they were tested with.

The versions are those of the environment that builds the site, which is the
one the tests run in: Python, FastAPI, Starlette and uvicorn on every such
page; Celery, the Redis client and the Redis server on the pages whose
examples use Celery or Redis. Nothing is typed by hand. The sentence around
them is each language's ``extra.tested_with`` in mkdocs.yml.
"""

from __future__ import annotations

import functools
import platform
import re
import shutil
import subprocess
from importlib.metadata import version
from pathlib import Path

EMBED = re.compile(r'--8<--\s+"(docs_src/[^":]+\.py)')
USES_REDIS = re.compile(r"^\s*(?:from|import)\s+(?:celery|redis)\b", re.M)
SEPARATOR = {"en": ", "}  # Chinese lists take 、


@functools.cache
def redis_server() -> str | None:
    if shutil.which("redis-server") is None:
        return None
    done = subprocess.run(["redis-server", "--version"], capture_output=True, text=True)
    found = re.search(r"\bv=(\S+)", done.stdout)
    return found.group(1) if found else None


def versions(uses_redis: bool) -> list[str]:
    found = [f"Python {platform.python_version()}"]
    found += [f"{name} {version(name.lower())}" for name in ("FastAPI", "Starlette", "uvicorn")]
    if uses_redis:
        found += [f"Celery {version('celery')}", f"redis-py {version('redis')}"]
        if redis_server():
            found.append(f"Redis {redis_server()}")
    return found


def on_page_markdown(markdown: str, page, config, files) -> str:
    examples = EMBED.findall(markdown)
    sentence = config.extra.get("tested_with")
    locale = getattr(page.file, "locale", "en")
    lesson = page.file.src_uri.removeprefix(f"{locale}/").startswith("tutorial/")
    if not (lesson and examples and sentence):
        return markdown
    root = Path(config.config_file_path).parent
    uses_redis = any(
        USES_REDIS.search((root / path).read_text(encoding="utf-8")) for path in examples
    )
    listed = SEPARATOR.get(locale, "、").join(versions(uses_redis))
    line = f'<p class="tested-with">{sentence.format(versions=listed)}</p>\n\n'
    # After the title and its one-line promise: before the first section.
    found = re.search(r"^## ", markdown, re.M)
    at = found.start() if found else len(markdown)
    return markdown[:at] + line + markdown[at:]
