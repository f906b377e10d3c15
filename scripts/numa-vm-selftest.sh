#!/usr/bin/env bash
# numa-vm-selftest.sh - check that scripts/numa-vm.sh gives the guest the NUMA
# topology that was asked for, passes the exit status and the output streams
# through, shares the out dir writable, runs the host's JDK, and enforces its
# timeout. Four short VM boots under TCG: about 2-3 minutes on 2 cores.
#
# Exit status 0 when every check passed, 1 otherwise (3 if numa-vm.sh reports
# missing packages). Ends with a "N passed, N failed" line.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
VM=$HERE/numa-vm.sh
PASS=0
FAIL=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/numavm-selftest.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

ok() { PASS=$((PASS + 1)); echo "ok   - $*"; }
bad() { FAIL=$((FAIL + 1)); echo "FAIL - $*"; }
check() { # check NAME EXPECTED ACTUAL
    if [[ $2 == "$3" ]]; then ok "$1 = $(echo "$2" | tr '\n' ';')"; else
        bad "$1: expected [$(echo "$2" | tr '\n' ';')] got [$(echo "$3" | tr '\n' ';')]"; fi
}
field() { sed -n "s/^$1=//p" "$2" | head -n1; }
block() { sed -n "/^$1<</,/^>>$1/p" "$2" | sed '1d;$d'; }

# Prints the topology as KEY=VALUE lines / blocks the checks below parse.
# shellcheck disable=SC2016  # expanded by the guest shell, not here
TOPO='
N=/sys/devices/system/node
echo "online=$(cat $N/online)"
echo "has_memory=$(cat $N/has_memory)"
echo "has_cpu=$(cat $N/has_cpu)"
echo "nproc=$(nproc)"
echo "cpulist<<"; cat $N/node*/cpulist; echo ">>cpulist"
echo "distance<<"; cat $N/node*/distance; echo ">>distance"
for d in $N/node[0-9]*; do
  echo "memkb_${d##*node}=$(sed -n "s/.*MemTotal: *\([0-9]*\) kB/\1/p" $d/meminfo)"
done
'

run_vm() { # run_vm NAME EXPECTED_RC VM-ARGS... -- CMD...
    local name=$1 want=$2 rc=0 t0 t1
    shift 2
    t0=$(date +%s)
    # TMPDIR=$TMP puts the VM's work dir (part of QEMU's command line) under $TMP,
    # so the leftover check below only looks at our own QEMUs.
    TMPDIR=$TMP "$VM" -v "$@" >"$TMP/$name.out" 2>"$TMP/$name.err" || rc=$?
    t1=$(date +%s)
    echo "# $name: exit $rc in $((t1 - t0))s"
    if [[ $rc == 3 ]]; then
        cat "$TMP/$name.err"
        echo "numa-vm.sh reports missing packages; install them (see docs/numa-vm.md)"
        exit 3
    fi
    if [[ $rc == "$want" ]]; then ok "$name: exit status $rc"; else
        bad "$name: exit status $rc, expected $want"
        sed 's/^/#   out: /' "$TMP/$name.out"
        sed 's/^/#   err: /' "$TMP/$name.err"
    fi
}

# 1. Two nodes: topology, stdout/stderr separation, out dir, JDK, exit status 7.
mkdir -p "$TMP/out2"
# shellcheck disable=SC2016
run_vm nodes2 7 --nodes 2 --out "$TMP/out2" --timeout 240 -- sh -c "$TOPO"'
echo to-stderr >&2
echo written-in-guest > "$NUMAVM_OUT/result.txt"
echo "cwd=$(pwd)"
echo "java<<"; java -Xmx64m -version 2>&1; echo ">>java"
exit 7'
F=$TMP/nodes2.out
check "nodes2 online" "0-1" "$(field online "$F")"
check "nodes2 has_memory" "0-1" "$(field has_memory "$F")"
check "nodes2 nproc" "4" "$(field nproc "$F")"
check "nodes2 cpulist" $'0-1\n2-3' "$(block cpulist "$F")"
check "nodes2 distance" $'10 21\n21 10' "$(block distance "$F")"
check "nodes2 cwd" "$(pwd -P)" "$(field cwd "$F")"
check "nodes2 stderr passthrough" "to-stderr" "$(grep -x to-stderr "$TMP/nodes2.err" || true)"
check "nodes2 stdout has no stderr" "" "$(grep -x to-stderr "$F" || true)"
check "nodes2 out dir written" "written-in-guest" "$(cat "$TMP/out2/result.txt" 2>/dev/null || true)"
if block java "$F" | grep -q 'OpenJDK\|openjdk\|Java'; then ok "nodes2 java -version runs"; else bad "nodes2 java -version: $(block java "$F" | head -n3 | tr '\n' ';')"; fi
for n in 0 1; do
    m=$(field "memkb_$n" "$F")
    if [[ -n $m ]] && (( m > 800000 )); then ok "nodes2 node$n memory ${m} kB"; else bad "nodes2 node$n memory [$m] kB"; fi
done

# 2. Four nodes.
run_vm nodes4 0 --nodes 4 --timeout 240 -- sh -c "$TOPO"
F=$TMP/nodes4.out
check "nodes4 online" "0-3" "$(field online "$F")"
check "nodes4 has_memory" "0-3" "$(field has_memory "$F")"
check "nodes4 nproc" "8" "$(field nproc "$F")"
check "nodes4 cpulist" $'0-1\n2-3\n4-5\n6-7' "$(block cpulist "$F")"
check "nodes4 distance" $'10 16 22 22\n16 10 22 22\n22 22 10 16\n22 22 16 10' "$(block distance "$F")"

# 3. Two nodes plus a memoryless one.
run_vm memoryless 0 --nodes 2 --memoryless --timeout 240 -- sh -c "$TOPO"
F=$TMP/memoryless.out
check "memoryless online" "0-2" "$(field online "$F")"
check "memoryless has_memory" "0-1" "$(field has_memory "$F")"
check "memoryless has_cpu" "0-2" "$(field has_cpu "$F")"
check "memoryless cpulist" $'0-1\n2-3\n4-5' "$(block cpulist "$F")"
check "memoryless distance" $'10 21 21\n21 10 21\n21 21 10' "$(block distance "$F")"
check "memoryless node2 MemTotal" "0" "$(field memkb_2 "$F")"

# 4. Timeout: must kill the VM and exit 124 with a clear message.
run_vm timeout 124 --timeout 15 -- sleep 600
if grep -q 'TIMEOUT' "$TMP/timeout.err"; then ok "timeout message"; else bad "timeout message missing"; fi

# No QEMU may be left behind by any of the runs.
if pgrep -f "qemu-system-x86_64 .*$TMP" >/dev/null; then bad "leftover numavm qemu process"; else ok "no leftover qemu"; fi

echo "$PASS passed, $FAIL failed"
[[ $FAIL == 0 ]]
