#!/usr/bin/env bash
# Set up a virtual environment with drafter, then draft every document of the bundled example.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e .
.venv/bin/drafter render examples/provincial-plan.yaml
.venv/bin/drafter render examples/provincial-plan.yaml --to text -o out
.venv/bin/drafter render examples/provincial-plan.yaml --to docx -o out
echo "文稿已写入 out/ 文件夹。"
