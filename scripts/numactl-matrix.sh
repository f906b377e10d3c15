#!/usr/bin/env bash
# Runs the JMH benchmarks under a matrix of numactl bindings × NUMA modes and records every cell.
#
# usage: scripts/numactl-matrix.sh [--preset quick|full] [--jar target/benchmarks.jar] [--cli target/numagen.jar]
#                                  [--out results] [--resume DIR] [--modes OFF,AUTO,FORCE] [--dry-run]
#                                  [--cells REGEX] [--label TEXT] [-- extra JMH args]
#
# Bindings, from /sys/devices/system/node/node*/:
#   none          no numactl
#   local-N       --cpunodebind=N --membind=N            for every node N with CPUs and memory
#   remote-A-B    --cpunodebind=A --membind=B            for every ordered pair A != B
#   interleave    --interleave=all                       (skipped on one node: same as none)
#   nodes-K       first K nodes, cpunodebind + membind    K = 2 and all (K = 1 is local-<first node>)
# Each binding runs once per NUMA mode (-p numaMode=MODE). BaselineBenchmark and RemoteAccessBenchmark have no
# numaMode parameter, so they run only in the first mode of --modes (-e excludes them from the others).
#
# Output: OUT/<host>[-LABEL]/<UTC timestamp>/ with machine.json, manifest.json (rewritten atomically after every cell),
# cells/<cell-id>.json (JMH -rf json) and cells/<cell-id>.log, state/<cell-id>.json (one line per cell).
# --resume DIR re-plans the same matrix and redoes only the cells whose status is not "ok".
# --cells REGEX runs only the cells whose id matches (the others are recorded as skipped); --label TEXT is stored
# in the manifest and shown with the host (host:TEXT), e.g. one Slurm task per NUMA node of the same host.
# Nothing is installed: without numactl only the "none" cells run (apt-get install numactl).
# Exit status: 0 when every cell that ran is ok, 1 when a cell failed, 2 for bad arguments.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)

preset=quick
jar=target/benchmarks.jar
cli=
out=results
resume=
modes=OFF,AUTO,FORCE
dry_run=0
only_cells=
label=
extra=()

die() {
    echo "numactl-matrix: $*" >&2
    exit 2
}

usage() {
    sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

while (($# > 0)); do
    case "$1" in
        --preset) preset=${2:?--preset needs a value}; shift 2 ;;
        --jar) jar=${2:?--jar needs a value}; shift 2 ;;
        --cli) cli=${2:?--cli needs a value}; shift 2 ;;
        --out) out=${2:?--out needs a value}; shift 2 ;;
        --resume) resume=${2:?--resume needs a value}; shift 2 ;;
        --modes) modes=${2:?--modes needs a value}; shift 2 ;;
        --dry-run) dry_run=1; shift ;;
        --cells) only_cells=${2:?--cells needs a value}; shift 2 ;;
        --label) label=${2:?--label needs a value}; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        --) shift; extra=("$@"); break ;;
        *) usage >&2; die "unknown argument '$1'" ;;
    esac
done

# ---------------------------------------------------------------- helpers

json_str() {
    local s=$1
    s=${s//\\/\\\\}
    s=${s//\"/\\\"}
    s=${s//$'\n'/\\n}
    s=${s//$'\r'/\\r}
    s=${s//$'\t'/\\t}
    printf '"%s"' "$s"
}

# json_list a b c -> ["a","b","c"]
json_list() {
    local first=1 x
    printf '['
    for x in "$@"; do
        ((first)) || printf ','
        first=0
        json_str "$x"
    done
    printf ']'
}

# json_ints "0 1" -> [0,1]
json_ints() {
    local first=1 x
    printf '['
    for x in $1; do
        ((first)) || printf ','
        first=0
        printf '%d' "$x"
    done
    printf ']'
}

read_file() {
    if [[ -r $1 ]]; then tr -d '\n' <"$1"; else printf 'n/a'; fi
}

now_iso() {
    date -u +%Y-%m-%dT%H:%M:%SZ
}

# ---------------------------------------------------------------- inputs

preset_file=$repo/scripts/presets/$preset.args
[[ -f $preset_file ]] || preset_file=$preset
[[ -f $preset_file ]] || die "no preset '$preset' (expected $repo/scripts/presets/$preset.args or a file path)"
# Preset words: comments stripped, split on whitespace. The script owns -foe/-rf/-rff (one JSON per cell), so a
# preset's own values are dropped; ${RUN_DIR} (the harness presets' result folder) becomes cells/<cell-id>/.
# shellcheck disable=SC2016 # the literal placeholder, not an expansion
run_dir_word='${RUN_DIR}'
preset_args=()
words_all=()
while IFS= read -r line; do
    line=${line%%#*}
    read -ra words <<<"$line"
    words_all+=("${words[@]}")
done <"$preset_file"
for ((w = 0; w < ${#words_all[@]}; w++)); do
    case ${words_all[$w]} in
        -foe | -rf | -rff) w=$((w + 1)) ;;
        *) preset_args+=("${words_all[$w]}") ;;
    esac
done

IFS=, read -ra mode_list <<<"$modes"
((${#mode_list[@]} > 0)) || die "--modes is empty"
for m in "${mode_list[@]}"; do
    [[ $m =~ ^(OFF|AUTO|FORCE)$ ]] || die "unknown NUMA mode '$m' (OFF, AUTO, FORCE)"
done

JAVA=${JAVA:-java}
if ((dry_run == 0)); then
    [[ -f $jar ]] || die "$jar not found: build it with 'mvn -B -q -DskipTests package'"
    command -v "$JAVA" >/dev/null || die "java not found (set JAVA=/path/to/java)"
fi
if [[ -z $cli ]]; then
    cli=$(dirname "$jar")/numagen.jar
    [[ -f $cli ]] || cli=$repo/target/numagen.jar
fi

host=$(hostname -s 2>/dev/null || uname -n)
if [[ -n $resume ]]; then
    [[ -d $resume ]] || die "--resume $resume: no such directory"
    dir=$resume
else
    # The label keeps runs started in the same second on one host (one per NUMA node) apart.
    dir=$out/$host${label:+-$label}/$(date -u +%Y%m%dT%H%M%SZ)
fi
cells_dir=$dir/cells
state_dir=$dir/state

# ---------------------------------------------------------------- topology

cpu_nodes=()  # nodes with CPUs
mem_nodes=()  # nodes with memory
all_nodes=()
sysnode=${NUMAGEN_SYSFS_NODE:-/sys/devices/system/node}  # overridable to test planning
if compgen -G "$sysnode/node[0-9]*" >/dev/null; then
    while read -r n; do
        all_nodes+=("$n")
        [[ -n $(read_file "$sysnode/node$n/cpulist" | tr -d ' ') ]] && cpu_nodes+=("$n")
        if grep -qs "MemTotal: *[1-9]" "$sysnode/node$n/meminfo"; then mem_nodes+=("$n"); fi
    done < <(for d in "$sysnode"/node[0-9]*; do echo "${d##*node}"; done | sort -n)
else
    all_nodes=(0) cpu_nodes=(0) mem_nodes=(0)
fi

has_mem() {
    local x
    for x in "${mem_nodes[@]}"; do [[ $x == "$1" ]] && return 0; done
    return 1
}

numactl_reason=
if ! command -v numactl >/dev/null; then
    numactl_reason="numactl not installed (install it with: apt-get install numactl)"
elif ! probe=$(numactl "--cpunodebind=${cpu_nodes[0]}" "--membind=${cpu_nodes[0]}" true 2>&1); then
    numactl_reason="numactl cannot bind here (container without CAP_SYS_NICE?): ${probe//$'\n'/ }"
fi

# ---------------------------------------------------------------- plan

ids=() bindings=() numactls=() cpus=() mems=() cmodes=() skips=()
add_binding() { # label "numactl args" "cpu nodes" "mem nodes" "skip reason"
    local m reason
    for m in "${mode_list[@]}"; do
        reason=$5
        if [[ -z $reason && -n $only_cells ]] && ! [[ "$1.$m" =~ $only_cells ]]; then
            reason="not selected by --cells '$only_cells'"
        fi
        ids+=("$1.$m") bindings+=("$1") numactls+=("$2") cpus+=("$3") mems+=("$4") cmodes+=("$m")
        skips+=("$reason")
    done
}

nc=${#cpu_nodes[@]}
add_binding none "" "" "" ""
for n in "${cpu_nodes[@]}"; do
    reason=$numactl_reason
    has_mem "$n" || reason="node $n has no memory"
    add_binding "local-$n" "--cpunodebind=$n --membind=$n" "$n" "$n" "$reason"
done
remote_pairs=0
for a in "${cpu_nodes[@]}"; do
    for b in "${mem_nodes[@]}"; do
        [[ $a == "$b" ]] && continue
        add_binding "remote-$a-$b" "--cpunodebind=$a --membind=$b" "$a" "$b" "$numactl_reason"
        remote_pairs=$((remote_pairs + 1))
    done
done
not_run=()
((remote_pairs > 0)) || not_run+=("remote-A-B: only one NUMA node with memory (${#all_nodes[@]} node(s) in sysfs)")
if ((${#all_nodes[@]} > 1)); then
    add_binding interleave "--interleave=all" "" "${mem_nodes[*]}" "$numactl_reason"
else
    not_run+=("interleave: one node, interleaving is the same as no binding")
fi
not_run+=("nodes-1: same binding as local-${cpu_nodes[0]}")
seen_k=" 1 "
for k in 2 "$nc"; do
    [[ $seen_k == *" $k "* ]] && continue
    seen_k+="$k "
    if ((k > nc)); then
        not_run+=("nodes-$k: only $nc node(s) with CPUs")
        continue
    fi
    set_nodes=("${cpu_nodes[@]:0:k}")
    list=$(IFS=,; echo "${set_nodes[*]}")
    add_binding "nodes-$k" "--cpunodebind=$list --membind=$list" "${set_nodes[*]}" "${set_nodes[*]}" "$numactl_reason"
done

total=${#ids[@]}
echo "numactl-matrix: host $host, nodes ${all_nodes[*]} (CPUs: ${cpu_nodes[*]}; memory: ${mem_nodes[*]}),"
echo "  preset $preset_file, modes ${mode_list[*]}, $total cells, output $dir"
for r in "${not_run[@]}"; do echo "  not planned: $r"; done
[[ -z $numactl_reason ]] || echo "  skipping every cell except 'none': $numactl_reason"

# ---------------------------------------------------------------- per-cell records and manifest

cell_cmd() { # index -> fills the global array cmd
    local i=$1 na=()
    read -ra na <<<"${numactls[$i]}"
    cmd=()
    ((${#na[@]} == 0)) || cmd=(numactl "${na[@]}")
    # MatrixRunner = JMH's Main minus invalid parameter combinations (e.g. pinning with numaMode=OFF), which plain
    # JMH would run into a setup failure that stops the cell under -foe true; it lists them in <cell>.skipped.json.
    # JMH takes a machine-wide lock in java.io.tmpdir: runs side by side (one per NUMA node) each get their own
    # temp directory and skip the lock; the forks inherit both properties.
    cmd+=("$JAVA" --enable-native-access=ALL-UNNAMED -Djmh.ignoreLock=true "-Djava.io.tmpdir=$dir/tmp"
        -cp "$jar" io.numagen.bench.run.MatrixRunner
        "${preset_args[@]//\$\{RUN_DIR\}/$cells_dir/${ids[$i]}}" -p "numaMode=${cmodes[$i]}")
    [[ ${cmodes[$i]} == "${mode_list[0]}" ]] || cmd+=(-e 'BaselineBenchmark|RemoteAccessBenchmark')
    cmd+=(-foe true -rf json -rff "$cells_dir/${ids[$i]}.json" "${extra[@]}")
}

write_state() { # index status reason exit start duration
    local i=$1 na=() q
    read -ra na <<<"${numactls[$i]}"
    cell_cmd "$i"
    q=$(printf '%q ' "${cmd[@]}")
    {
        printf '{"id":%s,"binding":%s,"numactl":%s,"cpuNodes":%s,"memNodes":%s,"numaMode":%s,' \
            "$(json_str "${ids[$i]}")" "$(json_str "${bindings[$i]}")" "$(json_list "${na[@]}")" \
            "$(json_ints "${cpus[$i]}")" "$(json_ints "${mems[$i]}")" "$(json_str "${cmodes[$i]}")"
        printf '"command":%s,"status":%s,"reason":%s,"exitCode":%s,"start":%s,"durationSeconds":%s,' \
            "$(json_str "${q% }")" "$(json_str "$2")" "$(json_str "$3")" "${4:-null}" \
            "$( [[ -n $5 ]] && json_str "$5" || echo null)" "${6:-null}"
        printf '"result":%s,"log":%s}\n' "$(json_str "cells/${ids[$i]}.json")" "$(json_str "cells/${ids[$i]}.log")"
    } >"$state_dir/${ids[$i]}.json.tmp"
    mv -f "$state_dir/${ids[$i]}.json.tmp" "$state_dir/${ids[$i]}.json"
}

state_status() {
    local f=$state_dir/$1.json
    [[ -f $f ]] || { echo none; return; }
    sed -n 's/.*"status":"\([a-z]*\)".*/\1/p' "$f"
}

write_manifest() {
    local tmp=$dir/.manifest.json.$$ i first=1
    {
        printf '{\n  "schema": "numagen.manifest/1",\n  "host": %s,\n  "label": %s,\n  "updated": %s,\n' \
            "$(json_str "$host")" "$( [[ -n $label ]] && json_str "$label" || echo null)" "$(json_str "$(now_iso)")"
        printf '  "preset": %s,\n  "jar": %s,\n  "modes": %s,\n  "jmhArgs": %s,\n  "extraArgs": %s,\n' \
            "$(json_str "$preset_file")" "$(json_str "$jar")" "$(json_list "${mode_list[@]}")" \
            "$(json_list "${preset_args[@]}")" "$(json_list "${extra[@]}")"
        printf '  "notPlanned": %s,\n  "cells": [\n' "$(json_list "${not_run[@]}")"
        for ((i = 0; i < total; i++)); do
            ((first)) || printf ',\n'
            first=0
            printf '    %s' "$(cat "$state_dir/${ids[$i]}.json")"
        done
        printf '\n  ]\n}\n'
    } >"$tmp"
    mv -f "$tmp" "$dir/manifest.json"
}

# numactl has no --version: ask the package manager, else say where it is.
numactl_version() {
    local v
    if ! command -v numactl >/dev/null; then
        echo "not installed"
    elif v=$(dpkg-query -W -f='${Version}' numactl 2>/dev/null) && [[ -n $v ]]; then
        echo "numactl $v"
    else
        echo "installed at $(command -v numactl)"
    fi
}

write_machine() {
    local tmp=$dir/.machine.json.$$ topo="" n first=1
    if [[ -f $cli ]] && "$JAVA" -jar "$cli" help 2>/dev/null | grep -q '^ *topology '; then
        topo=$("$JAVA" -jar "$cli" topology --json 2>/dev/null) || topo=""
    fi
    {
        printf '{\n  "host": %s,\n  "cpuModel": %s,\n  "cpus": %s,\n  "kernel": %s,\n' "$(json_str "$host")" \
            "$(json_str "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)")" \
            "$(nproc)" "$(json_str "$(uname -r)")"
        printf '  "jvm": %s,\n  "numaBalancing": %s,\n  "transparentHugepages": %s,\n' \
            "$(json_str "$("$JAVA" -version 2>&1 | tr '\n' ' ' | sed 's/ *$//')")" \
            "$(json_str "$(read_file /proc/sys/kernel/numa_balancing)")" \
            "$(json_str "$(read_file /sys/kernel/mm/transparent_hugepage/enabled)")"
        printf '  "thpDefrag": %s,\n  "numactl": %s,\n' \
            "$(json_str "$(read_file /sys/kernel/mm/transparent_hugepage/defrag)")" \
            "$(json_str "$(numactl_version)")"
        printf '  "nodes": ['
        for n in "${all_nodes[@]}"; do
            ((first)) || printf ','
            first=0
            printf '\n    {"node": %d, "cpulist": %s, "distance": %s, "memTotal": %s}' "$n" \
                "$(json_str "$(read_file "$sysnode/node$n/cpulist")")" \
                "$(json_str "$(read_file "$sysnode/node$n/distance")")" \
                "$(json_str "$(sed -n 's/.*MemTotal: *//p' "$sysnode/node$n/meminfo" 2>/dev/null)")"
        done
        printf '\n  ]'
        [[ -z $topo ]] || printf ',\n  "topology": %s' "$topo"
        printf '\n}\n'
    } >"$tmp"
    mv -f "$tmp" "$dir/machine.json"
}

if ((dry_run)); then
    for ((i = 0; i < total; i++)); do
        cell_cmd "$i"
        if [[ -n ${skips[$i]} ]]; then
            echo "  ${ids[$i]}: skipped (${skips[$i]})"
        else
            echo "  ${ids[$i]}: $(printf '%q ' "${cmd[@]}")"
        fi
    done
    exit 0
fi

mkdir -p "$cells_dir" "$state_dir" "$dir/tmp"
[[ -f $dir/machine.json ]] || write_machine

# Plan: record skipped cells, keep ok cells of a resumed run, mark the rest pending.
todo=()
for ((i = 0; i < total; i++)); do
    st=$(state_status "${ids[$i]}")
    if [[ $st == ok ]]; then
        echo "  ${ids[$i]}: ok in the resumed run, kept"
        skips[i]=""
    elif [[ -n ${skips[$i]} ]]; then
        write_state "$i" skipped "${skips[$i]}" "" "" ""
    else
        write_state "$i" pending "" "" "" ""
        todo+=("$i")
    fi
done
write_manifest
for ((i = 0; i < total; i++)); do
    [[ -z ${skips[$i]} ]] || echo "  skipped ${ids[$i]}: ${skips[$i]}"
done

# ---------------------------------------------------------------- run

failed=0
done_count=0
run_start=$(date +%s)
for i in "${todo[@]}"; do
    id=${ids[$i]}
    cell_cmd "$i"
    start_iso=$(now_iso)
    t0=$(date +%s)
    rm -f "$cells_dir/$id.json"
    if [[ " ${preset_args[*]} " == *"$run_dir_word"* ]]; then mkdir -p "$cells_dir/$id"; fi
    write_state "$i" running "" "" "$start_iso" ""
    write_manifest
    if "${cmd[@]}" >"$cells_dir/$id.log" 2>&1; then rc=0; else rc=$?; fi
    duration=$(($(date +%s) - t0))
    if ((rc != 0)); then
        status=failed reason="exit code $rc (see cells/$id.log)"
    elif [[ ! -s $cells_dir/$id.json ]]; then
        status=failed reason="JMH exited 0 but wrote no JSON (see cells/$id.log)"
    else
        status=ok reason=""
    fi
    [[ $status == ok ]] || failed=$((failed + 1))
    write_state "$i" "$status" "$reason" "$rc" "$start_iso" "$duration"
    write_manifest
    done_count=$((done_count + 1))
    elapsed=$(($(date +%s) - run_start))
    eta=$((elapsed * (${#todo[@]} - done_count) / done_count))
    echo "cell $done_count/${#todo[@]} $id elapsed ${elapsed}s, ETA ${eta}s ($status${reason:+: $reason})"
done

echo "numactl-matrix: ${#todo[@]} cell(s) run, $failed failed; manifest $dir/manifest.json"
if [[ -f $cli ]] && "$JAVA" -jar "$cli" help 2>/dev/null | grep -q '^ *analyze '; then
    "$JAVA" -jar "$cli" analyze "$dir" || echo "numactl-matrix: analysis failed (results are kept in $dir)" >&2
else
    echo "numactl-matrix: $cli has no 'analyze' command; run 'numagen analyze $dir' later"
fi
((failed == 0)) || exit 1
