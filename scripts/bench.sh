#!/usr/bin/env bash
# Runs the JMH research harness with a preset: scripts/bench.sh quick|full [extra JMH args...]
# (through io.numagen.bench.run.MatrixRunner, which skips invalid parameter combinations with a reason)
#
# The preset (scripts/presets/<name>.args) holds whitespace-separated JMH arguments with '#' comments; ${RUN_DIR}
# in it becomes runs/<preset>-<UTC time> (or $NUMAGEN_RESULTS if set), where the JSON result, the per-fork
# machine-*.json sidecars and flame graphs go. Extra arguments are appended and replace the preset's same option
# (-i, -f, -p NAME=..., benchmark regexps; -prof adds).
# $NUMAGEN_BINDING (e.g. "numactl -N0 -m0") is recorded in each fork's metadata; run this script under that
# numactl command yourself: forks inherit the binding.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

usage() {
  echo "usage: scripts/bench.sh quick|full [extra JMH args...]" >&2
  exit 2
}
[[ $# -ge 1 ]] || usage
preset=$1
shift
preset_file="$here/scripts/presets/$preset.args"
if [[ ! -f $preset_file ]]; then
  have=()
  for f in "$here"/scripts/presets/*.args; do
    have+=("$(basename "$f" .args)")
  done
  echo "bench.sh: no preset '$preset' (have: ${have[*]})" >&2
  exit 2
fi
jar="$here/target/benchmarks.jar"
if [[ ! -f $jar ]]; then
  echo "bench.sh: $jar is missing; build it with: mvn -B -q -DskipTests package" >&2
  exit 3
fi

run_dir=${NUMAGEN_RESULTS:-$here/runs/$preset-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$run_dir"

# Preset words: comments stripped, split on whitespace, ${RUN_DIR} substituted (no shell evaluation).
preset_words=()
while IFS= read -r line; do
  line=${line%%#*}
  read -ra words <<< "$line" # splits on whitespace, no globbing
  for word in "${words[@]}"; do
    preset_words+=("${word//\$\{RUN_DIR\}/$run_dir}")
  done
done < "$preset_file"

# JMH refuses a repeated single-valued option (-i 1 -i 3), so an extra argument replaces the preset's: an extra
# option drops the preset's same option, an extra -p NAME=... drops the preset's -p NAME=..., an extra benchmark
# regexp drops the preset's regexps. -prof is additive.
takes_no_value() { [[ $1 == -l || $1 == -lp || $1 == -lprof || $1 == -lrf || $1 == -h ]]; }
declare -A override=()
extra=("$@")
i=0
while (( i < ${#extra[@]} )); do
  word=${extra[i]}
  if [[ $word == -p ]]; then
    override["p:${extra[i+1]%%=*}"]=1
    i=$((i + 2))
  elif [[ $word == -prof ]]; then
    i=$((i + 2))
  elif [[ $word == -* ]]; then
    override[$word]=1
    if takes_no_value "$word"; then i=$((i + 1)); else i=$((i + 2)); fi
  else
    override[include]=1
    i=$((i + 1))
  fi
done
args=()
i=0
while (( i < ${#preset_words[@]} )); do
  word=${preset_words[i]}
  if [[ $word == -* ]] && ! takes_no_value "$word"; then
    value=${preset_words[i+1]:-}
    key=$word
    [[ $word == -p ]] && key="p:${value%%=*}"
    if [[ -z ${override[$key]:-} || $word == -prof ]]; then
      args+=("$word" "$value")
    fi
    i=$((i + 2))
  else
    if [[ $word == -* || -z ${override[include]:-} ]]; then
      args+=("$word")
    fi
    i=$((i + 1))
  fi
done

java=${JAVA_HOME:+$JAVA_HOME/bin/}java
jvm_flags=(--enable-native-access=ALL-UNNAMED)
feature=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
if [[ ${feature:-17} -ge 23 ]]; then
  jvm_flags+=(--sun-misc-unsafe-memory-access=allow) # JMH still uses sun.misc.Unsafe
fi

echo "bench.sh: preset $preset -> $run_dir" >&2
printf '%s\n' "$preset" "$@" > "$run_dir/preset.txt"
cp "$preset_file" "$run_dir/"
read -ra extra_jvm <<< "${NUMAGEN_JAVA_OPTS:-}"
# MatrixRunner = JMH's Main minus invalid parameter combinations (listed in $run_dir/result.skipped.json with the reason);
# list/help options go straight to JMH. Set NUMAGEN_PLAIN_JMH=1 to run org.openjdk.jmh.Main itself.
main=io.numagen.bench.run.MatrixRunner
[[ -n ${NUMAGEN_PLAIN_JMH:-} ]] && main=org.openjdk.jmh.Main
exec "$java" "${jvm_flags[@]}" "${extra_jvm[@]}" -cp "$jar" "$main" "${args[@]}" "$@"
