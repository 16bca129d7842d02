#!/usr/bin/env bash
set -euo pipefail
usage() {
    cat <<'TXT'
Usage: scripts/test.sh [PYTEST ARGS...]

Set up .venv (and Debian's Chromium and Redis) if needed, then check everything:
  1. ruff: lint and format of docs_src/, tests/, scripts/ and hooks/;
  2. every test: each example app, the commands the lessons show, 200
     concurrent requests on a real server, a strict build of the site in
     three languages, the translations, and the pages in headless Chromium;
  3. 100% line and branch coverage of docs_src/.
The tests run in parallel, two pytest workers per core (pytest-xdist).

With arguments, runs only pytest with them (no lint, no coverage gate, one
process unless you add -n auto):
  scripts/test.sh tests/first_task -q
TXT
}
case "${1:-}" in -h | --help) usage; exit 0 ;; esac
source "$(dirname "$0")/lib.sh"
ensure_venv
ensure_test_packages
cd "$ROOT"
export PYTHONDONTWRITEBYTECODE=1  # the tests leave nothing in the repository

if [ $# -gt 0 ]; then
    exec "$VENV/bin/python" -m pytest "$@"
fi

echo "== ruff"
"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .

echo "== pytest, with coverage of docs_src"
# Data from every process, uvicorn servers included, lands here (pyproject.toml).
export COVERAGE_DIR="${TMPDIR:-/tmp}/fastapi-bg-coverage-$$"
mkdir -p "$COVERAGE_DIR"
trap 'rm -rf "$COVERAGE_DIR"' EXIT
# pytest-xdist workers (lib.sh: pytest_workers); coverage follows each of them.
"$VENV/bin/python" -m coverage run -m pytest -p no:cacheprovider -n "$(pytest_workers)"
"$VENV/bin/python" -m coverage combine -q
"$VENV/bin/python" -m coverage report
