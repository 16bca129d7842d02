from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.i18n import ROOT


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The whole site, built once per session with --strict into a temporary folder."""
    site_dir = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "BUILD_ONLY_LOCALE": ""},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if line.startswith("WARNING")]
    assert warnings == []
    return site_dir
