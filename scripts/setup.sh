#!/usr/bin/env bash
set -euo pipefail
usage() {
    cat <<'TXT'
Usage: scripts/setup.sh

Create .venv beside this folder and install every pinned package from
pyproject.toml into it (the site, the examples and the tests). Running it
again does nothing unless the pins changed. Set VENV to use another folder.
TXT
}
case "${1:-}" in -h | --help) usage; exit 0 ;; "") ;; *) usage >&2; exit 2 ;; esac
source "$(dirname "$0")/lib.sh"
ensure_venv
echo "Ready: activate it with 'source $VENV/bin/activate'"
