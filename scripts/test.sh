#!/usr/bin/env bash
# Set up a virtual environment with drafter and its test tools, then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e ".[test]"
.venv/bin/ruff check drafter tests bench
.venv/bin/python -m pytest "$@"
