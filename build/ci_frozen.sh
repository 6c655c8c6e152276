#!/usr/bin/env bash
# CI step (issue 7): build the frozen app on Linux with PyInstaller, then run its self-test offscreen.
# Called by .ci/run after the tests, with the virtual environment they made (PYTHON overrides it).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}

"$PYTHON" build/build.py
QT_QPA_PLATFORM=offscreen dist/dangjian/dangjian --self-test
