#!/usr/bin/env bash
# Rewrites deploy/requirements-serving.txt from pyproject.toml's base
# dependencies (pip-tools in a throwaway virtualenv; needs the package index).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet 'pip-tools==7.5.2'
cp pyproject.toml "$tmp/"
(cd "$tmp" && venv/bin/pip-compile --quiet --generate-hashes --strip-extras \
    --no-emit-index-url --no-emit-find-links --no-header \
    --output-file requirements.txt pyproject.toml)
{
    sed -n '1,/^#    deploy\/lock.sh$/p' deploy/requirements-serving.txt
    cat "$tmp/requirements.txt"
} > "$tmp/out.txt"
mv "$tmp/out.txt" deploy/requirements-serving.txt
