#!/usr/bin/env bash
# Fetches the Debian kernel that scripts/numa-vm.sh boots as its guest, without installing it: the package is
# downloaded (apt-get download) and unpacked (dpkg-deb -x) into a cache folder, and its module index is built
# there (depmod -b), so the host's /boot, /lib/modules and boot set-up are never touched.
# Usage: scripts/guest-kernel.sh [--fetch]
#   prints the cached kernel's root folder (ROOT/boot/vmlinuz-VER, ROOT/lib/modules/VER) and exits 0;
#   without --fetch exits 3 when nothing is cached yet.
set -euo pipefail
PATH=$PATH:/usr/sbin:/sbin   # depmod, for users whose PATH lacks the sbin folders

readonly cache=${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/numagen-vm/kernel
log() { echo "guest-kernel: $*" >&2; }

cached_root() { # the newest unpacked kernel that has its module index
  local k ver best=
  for k in "$cache"/*/boot/vmlinuz-*; do
    [[ -f $k ]] || continue
    ver=${k##*/vmlinuz-}
    [[ -s ${k%/boot/*}/lib/modules/$ver/modules.dep ]] || continue
    best=${k%/boot/*}
  done
  [[ -n $best ]] && printf '%s\n' "$best"
}

if root=$(cached_root); then
  printf '%s\n' "$root"
  exit 0
fi
if [[ ${1:-} != --fetch ]]; then
  log "no guest kernel in $cache; fetch one with: scripts/guest-kernel.sh --fetch"
  exit 3
fi

# linux-image-amd64 is a metapackage: the kernel itself is the linux-image-VER package it depends on.
pkg=$(apt-cache depends linux-image-amd64 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-[0-9].*\)$/\1/p' | head -n1)
if [[ -z $pkg ]]; then
  log "apt knows no linux-image-amd64 package (run apt-get update as root first)"
  exit 3
fi
mkdir -p "$cache"
work=$(mktemp -d "$cache/.fetch.XXXXXX")
trap 'rm -rf "$work"' EXIT
log "downloading $pkg (not installing it)"
# As root, apt would hand the download to its _apt user, which cannot write into this private folder.
sandbox=()
if [[ $(id -u) == 0 ]]; then sandbox=(-o APT::Sandbox::User=root); fi
(cd "$work" && apt-get download -q=2 "${sandbox[@]}" "$pkg") || { log "apt-get download $pkg failed"; exit 3; }
dpkg-deb -x "$work"/*.deb "$work/root"
ver=$(basename "$(ls -d "$work"/root/lib/modules/*/)")
depmod -b "$work/root" "$ver"
rm -f "$work"/*.deb
rm -rf "${cache:?}/$pkg"
mv "$work/root" "$cache/$pkg"
log "unpacked $pkg into $cache/$pkg ($(du -sh "$cache/$pkg" | cut -f1))"
printf '%s\n' "$cache/$pkg"
