#!/usr/bin/env bash
set -euo pipefail
usage() {
    cat <<'TXT'
Usage: scripts/test.sh [PYTEST ARGS...]

Set up .venv if needed, then run the whole test suite: every example app,
the commands the lessons tell readers to type, and a strict build of the
site in all three languages. Arguments go to pytest, e.g.
  scripts/test.sh tests/first_task -q
TXT
}
case "${1:-}" in -h | --help) usage; exit 0 ;; esac
source "$(dirname "$0")/lib.sh"
ensure_venv
cd "$ROOT"
exec "$VENV/bin/python" -m pytest "$@"
