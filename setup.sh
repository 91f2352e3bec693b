#!/usr/bin/env bash
# Set up everything the compiler needs on a fresh Debian/Ubuntu machine, then return:
#  - system packages: WeasyPrint's Pango, the Carlito font (metric-compatible with Calibri), Noto fonts
#    for the other scripts of the UN (Arabic, Chinese, and every other script a name may be in),
#    LibreOffice (DOCX checks, CSV opened in Calc, and PDF test fixtures hyphenated with hyphen-en-us), Chromium's headless shell + ChromeDriver (web tests), Pandoc (benchmark peer),
#    rsvg-convert (an SVG cover logo drawn as PNG for the DOCX);
#  - a Python virtual environment in .venv with the compiler and its test tools.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig
  fonts-crosextra-carlito fonts-noto-core fonts-noto-cjk
  libreoffice-writer-nogui libreoffice-calc-nogui python3-uno hyphen-en-us
  chromium chromium-driver chromium-headless-shell
  pandoc poppler-utils librsvg2-bin
)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
# What the installers print goes to a log, shown only when a step fails (an editor reads a screen of
# warnings as a failure).
log="$(mktemp -t untoc-setup.XXXXXX)"
trap 'rm -f "$log"' EXIT
quietly() {
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    echo "setup: failed: $*" >&2
    exit 1
  fi
}
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}" >&2
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  quietly $SUDO apt-get update -qq
  quietly $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv" >&2
  quietly "$PYTHON" -m venv .venv
fi
stamp=".venv/.setup-stamp"
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing Python packages into .venv" >&2
  quietly .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
  echo "$want" > "$stamp"
fi
# Byte-compile the compiler once: with PYTHONDONTWRITEBYTECODE set (as on this kind of machine)
# Python would otherwise compile every module again on every run, a tenth of a second each time.
quietly .venv/bin/python -m compileall -q src
