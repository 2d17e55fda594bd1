#!/usr/bin/env bash
# Installs the Debian packages the course needs, only those that are missing.
# Works as root or through sudo. Usage: scripts/install-deps.sh [course|test|grade]
set -euo pipefail

packages=(
  libcmark-dev          # Markdown parsing (the runner)
  libopenblas-dev       # matrix products (Tensors)
  zlib1g-dev            # PNG encoding and Fashion-MNIST's .gz files
  dataset-fashion-mnist # the real data of the course
  libjs-katex           # math typesetting in the pages, offline
  libjs-highlight.js    # syntax highlighting in the pages, offline
  bubblewrap            # the runner contains each lesson in a PID namespace; the grader sandboxes submissions
)
if [ "${1:-course}" = test ]; then
  packages+=(pngcheck)  # independent PNG decoder for the figure tests
  packages+=(chromium)  # the browser tests drive the built pages in headless Chromium
fi

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "error: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "Installing Debian packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
