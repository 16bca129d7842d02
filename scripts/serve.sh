#!/usr/bin/env bash
set -euo pipefail
usage() {
    cat <<'TXT'
Usage: scripts/serve.sh [--lang LANG] [--port PORT]

Set up .venv if needed, then serve the site with live reload on
http://127.0.0.1:8008/ (English), /zh-Hans/ and /zh-Hant/.

The site stays off port 8000 so that an example app started with uvicorn
can run beside it.

Options:
  --lang LANG   build only one language (en, zh-Hans or zh-Hant), served at
                the root: faster rebuilds while translating
  --port PORT   serve on another port (default 8008)
  -h, --help    show this help
TXT
}
port=8008
lang=""
while [ $# -gt 0 ]; do
    case "$1" in
        --lang) lang=${2:?--lang needs a language}; shift 2 ;;
        --port) port=${2:?--port needs a number}; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done
source "$(dirname "$0")/lib.sh"
ensure_venv
cd "$ROOT"
# Read by mkdocs.yml (the i18n plugin's build_only_locale).
export BUILD_ONLY_LOCALE=$lang
exec "$VENV/bin/mkdocs" serve --dev-addr "127.0.0.1:$port"
