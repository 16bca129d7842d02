import os
import subprocess
import sys
from pathlib import Path


def build_site(project: Path, site_dir: Path) -> Path:
    """Build the site of ``project`` with --strict; fail on any warning."""
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        # Every language, whatever a developer's shell asks for.
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "BUILD_ONLY_LOCALE": ""},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if line.startswith("WARNING")]
    assert warnings == []
    return site_dir
