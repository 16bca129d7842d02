# Shared by the scripts in this folder; source it, do not run it.
# It finds the repository, and creates or refreshes the virtual environment.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${VENV:-"$ROOT/.venv"}
PIP_VERSION=26.3  # the first pip line to install PEP 735 dependency groups is 25.1

die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# How many pytest workers the suite runs: two per core. The Celery tests
# mostly wait on their servers (timeouts, sweeps, countdowns), so twice as
# many workers finish them in two thirds of the time; the rest of the suite,
# the browser tests above all, keeps every core busy either way.
pytest_workers() { echo $(($(nproc) * 2)); }

find_python() {
    local candidate
    for candidate in python3.11 python3.12 python3.13 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            echo "$candidate"
            return
        fi
    done
    die "Python 3.11 or newer is needed; install it and run again."
}

# Install the pinned groups into $VENV. A stamp of pyproject.toml makes a
# second run instant, and any change to the pins reinstalls.
ensure_venv() {
    local stamp="$VENV/.installed" want
    want="pip==$PIP_VERSION $(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$VENV/bin/python" ]; then
        return
    fi
    if [ ! -x "$VENV/bin/python" ]; then
        echo "Creating the virtual environment in $VENV"
        "$(find_python)" -m venv "$VENV" || die "could not create $VENV"
    fi
    echo "Installing the pinned packages (about half a minute the first time)"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "pip==$PIP_VERSION" ||
        die "could not install pip $PIP_VERSION"
    (cd "$ROOT" && "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --group test) ||
        die "could not install the packages listed in pyproject.toml"
    echo "$want" >"$stamp"
}
export NO_MKDOCS_2_WARNING=1  # Material 9.x end-of-life banner: see README

# What the tests need from Debian: Chromium's headless shell (and Chinese
# fonts, for its screenshots) for the browser tests, a Redis server for the
# task-queue lesson. Install whichever is missing.
ensure_test_packages() {
    local missing=()
    command -v chromium-headless-shell >/dev/null 2>&1 || missing+=(chromium-headless-shell)
    [ -n "$(fc-list :lang=zh 2>/dev/null)" ] || missing+=(fonts-noto-cjk)
    command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
    install_debian_packages "${missing[@]}"
}

# Install the Debian packages named, with apt-get (through sudo unless root).
install_debian_packages() {
    [ $# -eq 0 ] && return
    local sudo=""
    if [ "$(id -u)" != 0 ]; then
        command -v sudo >/dev/null 2>&1 || die "Debian's packages are needed: $*"
        sudo="sudo"
    fi
    echo "Installing $* (Debian packages)" >&2
    $sudo apt-get update -qq >&2 &&
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null ||
        die "could not install $* with apt-get"
}

# Debian's full chromium, which scripts/bench.py measures pages with, as a
# reader's browser loads them (the headless shell of the tests asks for no
# favicon, for one). Installs it if missing; prints its path.
ensure_chromium_browser() {
    command -v chromium >/dev/null 2>&1 || install_debian_packages chromium
    command -v chromium
}

# Lighthouse for scripts/bench.py, from npm, pinned in scripts/lighthouse/
# (package.json and its lock), installed into .tools/lighthouse/ (ignored by
# git). A stamp of the lock makes a second run instant; a new lock reinstalls.
# No install scripts run and no browser is downloaded: Lighthouse drives
# Debian's chromium (CHROME_PATH; ensure_chromium_browser). Prints the path of
# the lighthouse command.
LIGHTHOUSE_DIR=${LIGHTHOUSE_DIR:-"$ROOT/.tools/lighthouse"}
ensure_lighthouse() {
    local pins="$ROOT/scripts/lighthouse" stamp="$LIGHTHOUSE_DIR/.installed" want
    local cli="$LIGHTHOUSE_DIR/node_modules/.bin/lighthouse"
    want="$(sha256sum "$pins/package-lock.json" | cut -d' ' -f1)"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] || [ ! -x "$cli" ]; then
        command -v npm >/dev/null 2>&1 || die "Lighthouse needs Node.js and npm; install them and run again."
        # Lighthouse 12.2 runs on Node 18.16 and later (its "engines").
        node -e 'const [a, b] = process.versions.node.split(".").map(Number);
                 process.exit(a > 18 || (a === 18 && b >= 16) ? 0 : 1)' ||
            die "Lighthouse needs Node.js 18.16 or newer; this is $(node --version)."
        echo "Installing Lighthouse into $LIGHTHOUSE_DIR (npm ci)" >&2
        mkdir -p "$LIGHTHOUSE_DIR" &&
            cp "$pins/package.json" "$pins/package-lock.json" "$LIGHTHOUSE_DIR/" &&
            PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix "$LIGHTHOUSE_DIR" --ignore-scripts \
                --no-audit --no-fund --loglevel=error >&2 ||
            die "could not install Lighthouse with npm ci"
        echo "$want" >"$stamp"
    fi
    echo "$cli"
}
