#!/usr/bin/env bash
# Installs the Debian packages numagen's build, tests and main job use, saying what each step does and how long
# it took. Only missing packages are installed, without recommended extras; installed ones are never upgraded.
# Usage: scripts/setup.sh [--tests]
#   --tests adds what the test suite needs: QEMU, busybox, Jupyter, shellcheck, and the guest kernel, which is
#           unpacked into a cache folder (scripts/guest-kernel.sh), never installed: /boot is left alone.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

tests=0
case ${1:-} in
  --tests) tests=1 ;;
  "") ;;
  *) echo "numagen setup: unknown option '$1' (allowed: --tests)" >&2; exit 2 ;;
esac

log() { echo "numagen setup: $*" >&2; }
step_start=
begin() { step_start=$SECONDS; log "$*"; }
done_step() { log "  done in $((SECONDS - step_start)) s"; }

packages=(openjdk-17-jdk-headless maven libnuma1 numactl)
if (( tests )); then
  packages+=(qemu-system-x86 busybox-static cpio kmod shellcheck
             jupyter-nbconvert python3-nbconvert python3-ipykernel python3-matplotlib python3-pandas)
  packages+=(slurm-wlm munge python3)  # scripts/slurm-local.sh: a one-node Slurm cluster for the Slurm scripts' check
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if (( ${#missing[@]} > 0 )); then
  if [[ $(id -u) -ne 0 ]]; then
    log "missing Debian packages: ${missing[*]}"
    log "install them with: sudo apt-get install -y --no-install-recommends ${missing[*]}"
    exit 3
  fi
  export DEBIAN_FRONTEND=noninteractive
  begin "refreshing the Debian package lists (apt-get update)"
  apt-get update -qq
  done_step
  # What apt will do, said before it does it: new packages, and any installed ones a dependency forces up.
  plan=$(apt-get -s install --no-install-recommends "${missing[@]}")
  new=$(grep -c '^Inst [^ ]* (' <<<"$plan" || true)
  upgrades=$(sed -n 's/^Inst \([^ ]*\) \[.*/\1/p' <<<"$plan" | tr '\n' ' ')
  begin "installing ${missing[*]}: $new packages with dependencies${upgrades:+; dependencies upgrade: $upgrades}"
  # apt's own chatter goes; its errors stay (debconf's "delaying package configuration" note is not one).
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    2> >(grep -v '^debconf: delaying package configuration' >&2)
  done_step
else
  log "Debian packages: all present (${packages[*]})"
fi

if (( tests )); then
  if kernel_root=$(scripts/guest-kernel.sh 2>/dev/null); then
    log "guest kernel for the VM tests: cached in $kernel_root"
  else
    begin "guest kernel for the VM tests: downloading and unpacking it into a cache folder (not installing it)"
    scripts/guest-kernel.sh --fetch >/dev/null
    done_step
  fi
fi
