#!/usr/bin/env bash
# Installs the Debian packages numagen's build, tests and main job use, saying what it installs.
# Usage: scripts/setup.sh [--tests]   (--tests adds what the test suite needs: QEMU, a kernel, Jupyter)
set -euo pipefail

packages=(openjdk-17-jdk-headless maven libnuma1 numactl)
if [[ "${1:-}" == "--tests" ]]; then
  packages+=(qemu-system-x86 linux-image-amd64 busybox-static cpio kmod shellcheck
             jupyter-nbconvert python3-nbconvert python3-ipykernel python3-matplotlib python3-pandas)
  packages+=(slurm-wlm munge python3)  # scripts/slurm-local.sh: a one-node Slurm cluster for the Slurm scripts' check
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if (( ${#missing[@]} == 0 )); then
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "numagen setup: missing Debian packages: ${missing[*]}" >&2
  echo "install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 3
fi
echo "numagen setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
