#!/usr/bin/env bash
# `make bench`: the runner's overhead against Jupyter, then the library against PyTorch.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 scripts/bench_runner.py "${REPEATS:-5}"
echo
python3 scripts/bench_library.py "${ROUNDS:-2}"
