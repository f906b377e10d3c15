#!/usr/bin/env bash
# Publishes one local run: copies runs/<host>/<time>/ (git-ignored) into results/<host>/<time>/ with its report,
# and adds a generated line for it to results/<host>/README.md carrying the git commit the run was made from.
# Usage: scripts/publish.sh RUN     e.g. scripts/publish.sh runs/vm/20261202T091051Z
# Exit status: 0 published; 2 bad argument (not a run folder, already published); 1 the copy or analysis failed.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

die() { echo "publish: $*" >&2; exit 2; }

[[ $# == 1 && $1 != -* ]] || die "usage: scripts/publish.sh RUN (a run folder such as runs/<host>/<time>)"
run=${1%/}
[[ -f $run/manifest.json ]] || die "$run: not a run folder (no manifest.json; runs are written by scripts/numactl-matrix.sh)"
manifest=$run/manifest.json
field() { sed -n "s/^ *\"$1\": *\"\\([^\"]*\\)\".*/\\1/p" "$manifest" | head -n1; }

host=$(field host)
[[ $host =~ ^[A-Za-z0-9._-]+$ ]] || die "$manifest: host '$host' is not a plain host name"
name=$(basename "$run")
dest=$repo/results/$host/$name
[[ ! -e $dest ]] || die "results/$host/$name already exists: this run is published"

if [[ ! -f $run/report.md ]]; then
  echo "publish: $run has no report.md; analysing it first"
  "$repo/scripts/numagen" analyze "$run" || { echo "publish: analysis failed; nothing published" >&2; exit 1; }
fi

commit=unknown
[[ -s $run/commit ]] && commit=$(head -c 80 "$run/commit")
cells() { grep -o "\"status\":\"$1\"" "$manifest" | wc -l || true; }   # grep finds none: 0, not an error
ok=$(cells ok)
failed=$(cells failed)
skipped=$(cells skipped)
preset=$(basename "$(field preset)" .args)
modes=$(sed -n 's/^ *"modes": *\[\(.*\)\],*$/\1/p' "$manifest" | tr -d '"')

# Copy beside the destination, then rename: a failed copy leaves nothing half-published.
mkdir -p "$repo/results/$host"
tmp=$(mktemp -d "$repo/results/$host/.publish.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cp -R "$run/." "$tmp/run"
mv "$tmp/run" "$dest"

readme=$repo/results/$host/README.md
if [[ ! -f $readme ]]; then
  printf '# Published runs from host %s\n\nOne line per run, written by scripts/publish.sh.\n\n' "$host" >"$readme"
fi
line="- [\`$name/\`]($name/report.md): preset ${preset:-unknown}, modes ${modes:-unknown}, cells $ok ok, $failed failed,"
line+=" $skipped skipped; commit \`$commit\`; published $(date -u +%Y-%m-%d)"
echo "$line" >>"$readme"
echo "publish: copied $run to results/$host/$name and added to results/$host/README.md:"
echo "$line"
echo "publish: review and commit with: git add results/$host && git commit"
