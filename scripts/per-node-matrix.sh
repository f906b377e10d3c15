#!/usr/bin/env bash
# Runs the benchmark matrix once per NUMA node of this host, all nodes at the same time, then merges the results:
# the single-host form of the Slurm per-numa-node mode (scripts/slurm-matrix.sbatch).
#
# usage: scripts/per-node-matrix.sh [--preset quick|full|FILE] [--modes OFF,AUTO,FORCE] [--out DIR]
#                                   [--nodes 0,1,...] [--jar target/benchmarks.jar] [-- extra JMH args]
#
# Each node N with CPUs gets its own scripts/numactl-matrix.sh run, labelled numaN, restricted to the cells bound
# to its CPUs (local-N, remote-N-M: numactl --cpunodebind=N), in OUT/<host>-numaN/<UTC time>/. The runs are
# concurrent: each has its own JMH temp directory and lock (numactl-matrix.sh passes -Djava.io.tmpdir and
# -Djmh.ignoreLock). Afterwards `numagen merge OUT --out OUT/merged` puts the nodes side by side.
# --out defaults to results/per-node-<UTC time>. Exit status: 0 when every run and the merge succeeded, 1 when one
# failed (the others still finish; logs in OUT/numaN.log), 2 for bad arguments.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)

preset=quick
modes=OFF,AUTO,FORCE
out=
nodes=
jar=$repo/target/benchmarks.jar
extra=()

die() {
    echo "per-node-matrix: $*" >&2
    exit 2
}

while (($# > 0)); do
    case "$1" in
        --preset) preset=${2:?--preset needs a value}; shift 2 ;;
        --modes) modes=${2:?--modes needs a value}; shift 2 ;;
        --out) out=${2:?--out needs a value}; shift 2 ;;
        --nodes) nodes=${2:?--nodes needs a value}; shift 2 ;;
        --jar) jar=${2:?--jar needs a value}; shift 2 ;;
        -h | --help) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        --) shift; extra=("$@"); break ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done

sysnode=/sys/devices/system/node
cpu_nodes=()
for d in "$sysnode"/node[0-9]*; do
    [[ -d $d ]] || continue
    [[ -n $(tr -d ' \n' <"$d/cpulist" 2>/dev/null) ]] && cpu_nodes+=("${d##*node}")
done
((${#cpu_nodes[@]} > 0)) || cpu_nodes=(0)
if [[ -n $nodes ]]; then
    IFS=, read -ra wanted <<<"$nodes"
    for n in "${wanted[@]}"; do
        [[ " ${cpu_nodes[*]} " == *" $n "* ]] || die "--nodes: $n is not a node with CPUs here (${cpu_nodes[*]})"
    done
else
    wanted=("${cpu_nodes[@]}")
fi
[[ -f $jar ]] || die "$jar not found: build it with 'mvn -B -q -DskipTests package'"
cli=$(dirname "$jar")/numagen.jar
[[ -f $cli ]] || die "$cli not found: build it with 'mvn -B -q -DskipTests package'"

out=${out:-$repo/results/per-node-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out"
echo "per-node-matrix: nodes ${wanted[*]} at once, preset $preset, modes $modes -> $out"
pids=()
for n in "${wanted[@]}"; do
    "$here/numactl-matrix.sh" --preset "$preset" --modes "$modes" --jar "$jar" --out "$out" --label "numa$n" \
        --cells "^(local-$n|remote-$n-[0-9]+)\\." -- "${extra[@]}" >"$out/numa$n.log" 2>&1 &
    pids+=($!)
done
failed=0
for i in "${!pids[@]}"; do
    if wait "${pids[$i]}"; then
        echo "  node ${wanted[$i]}: ok"
    else
        echo "  node ${wanted[$i]}: FAILED (exit $?), see $out/numa${wanted[$i]}.log" >&2
        failed=1
    fi
done
"${JAVA:-java}" -jar "$cli" merge "$out" --out "$out/merged" || failed=1
exit "$failed"
