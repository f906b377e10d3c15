#!/usr/bin/env bash
# numa-vm-tests.sh - run the NUMA checks (io.numagen.vm.NumaVmChecks, in the test classes) inside emulated
# multi-node guests booted by scripts/numa-vm.sh, after that script's own self-test.
#
# Builds nothing: needs target/numagen.jar and target/test-classes from `mvn verify` (or `mvn -DskipTests
# package`). Needs numactl on the host (apt package numactl): the guest runs the host's root file system.
# See docs/numa-vm-tests.md. Ends with the line "N passed, N failed" (all checks of all guests plus the
# self-test's); exit 0 when everything passed, 1 when a check failed or a guest run broke, 2 usage error,
# 3 a prerequisite (package, build output) is missing.
set -euo pipefail

readonly PROG=numa-vm-tests
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
VM=$HERE/numa-vm.sh
SELFTEST=$HERE/numa-vm-selftest.sh
ALL_CASES=(nodes2 nodes4 memoryless pernode)
# The unit test classes that use the live machine: they derive their expectations from the topology reader, so the
# guests run them unchanged (io.numagen.vm.LiveTests, JUnit without Maven).
LIVE_TEST_CLASSES="io.numagen.nativeio.NumaTest io.numagen.nativeio.NativeSupportTest io.numagen.nativeio.AffinityTest
 io.numagen.nativeio.MmapTest io.numagen.memory.FirstTouchTest io.numagen.memory.NodeBindingTest
 io.numagen.memory.PagePlacementTest io.numagen.generator.NumaGeneratorTest"
LIVE_TEST_CLASSES=${LIVE_TEST_CLASSES//$'\n'/}

usage() {
    cat <<'EOF'
Usage: scripts/numa-vm-tests.sh [--cases nodes2,nodes4,memoryless,pernode] [--no-selftest] [--out DIR]
                                [--timeout SECONDS] [--size-mib MIB]

Runs NumaVmChecks in QEMU guests with emulated NUMA nodes:
  nodes2      --nodes 2: every check, then the numactl case in the same guest
              (numactl --cpunodebind=1 --membind=1 ... --bound-node 1), then the live-machine
              unit test classes (live-nodes2)
  nodes4      --nodes 4: topology, pinning, placement, then the unit test classes (live-nodes4)
  memoryless  --nodes 2 --memoryless: topology, generation with a memoryless node, then the unit
              test classes (live-memoryless)
  pernode     --nodes 2: scripts/per-node-matrix.sh runs two JMH matrices at once, one per node,
              and merges them (needs target/benchmarks.jar)
Runs scripts/numa-vm-selftest.sh first unless --no-selftest.

  --out DIR        keep the logs there (default: a temp dir, removed when all passed)
  --timeout S      wall-clock limit per guest (default 600)
  --size-mib M     buffer size of the placement checks (default 64)
EOF
}
die() { echo "$PROG: $*" >&2; exit 2; }
missing() { echo "$PROG: $*" >&2; exit 3; }

CASES=("${ALL_CASES[@]}")
SELF=1
OUT=
TIMEOUT=600
SIZE_MIB=64
# Every group, including first-touch at a size whose shares are not 2 MiB multiples (THP "always" in the guest).
NODES2_CHECKS="--checks topology,pinning,placement,unaligned,contrast,bind,numastat"
while [[ $# -gt 0 ]]; do
    case $1 in
        --cases) IFS=, read -r -a CASES <<< "${2:?--cases needs a value}"; shift 2 ;;
        --no-selftest) SELF=0; shift ;;
        --out) OUT=${2:?--out needs a value}; shift 2 ;;
        --timeout) TIMEOUT=${2:?--timeout needs a value}; shift 2 ;;
        --size-mib) SIZE_MIB=${2:?--size-mib needs a value}; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done
for c in "${CASES[@]}"; do
    [[ " ${ALL_CASES[*]} " == *" $c "* ]] || die "unknown case '$c' (cases: ${ALL_CASES[*]})"
done
[[ $TIMEOUT =~ ^[1-9][0-9]*$ ]] || die "--timeout must be a positive number of seconds"
[[ $SIZE_MIB =~ ^[1-9][0-9]*$ ]] || die "--size-mib must be a positive number"

# ---------------------------------------------------------------------------
# Prerequisites: numactl (used inside the guest from the host's root), the build outputs.
# ---------------------------------------------------------------------------
if ! command -v numactl >/dev/null 2>&1; then
    missing "numactl is missing on the host; the guest runs the host's /usr/bin/numactl. Install it: apt-get install -y numactl"
fi
cd "$ROOT"
[[ -f target/numagen.jar ]] || missing "target/numagen.jar is missing: build it first (mvn -B verify, or mvn -B -DskipTests package)"
[[ -f target/test-classes/io/numagen/vm/NumaVmChecks.class ]] \
    || missing "target/test-classes/io/numagen/vm/NumaVmChecks.class is missing: build it first (mvn -B verify, or mvn -B -DskipTests package)"
[[ -f target/test-classpath.txt ]] \
    || missing "target/test-classpath.txt is missing: build it first (mvn -B verify, or mvn -B -DskipTests package)"
if [[ " ${CASES[*]} " == *" pernode "* && ! -f target/benchmarks.jar ]]; then
    missing "target/benchmarks.jar is missing (case pernode): build it first (mvn -B -DskipTests package)"
fi
[[ -x $VM ]] || missing "$VM not found"

TEMP_OUT=
if [[ -z $OUT ]]; then
    OUT=$(mktemp -d "${TMPDIR:-/tmp}/numa-vm-tests.XXXXXX")
    TEMP_OUT=$OUT
fi
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd -P)

# Lean JVM for TCG: C1 only, serial GC (no GC worker threads), default CDS archive, small heap.
JVM_FLAGS="-Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xmx256m"
JVM_FLAGS+=" --enable-native-access=ALL-UNNAMED"
CHECKS="java $JVM_FLAGS -cp target/test-classes:target/numagen.jar io.numagen.vm.NumaVmChecks"
LIVE_TESTS="java $JVM_FLAGS -cp target/test-classes:target/classes:$(cat target/test-classpath.txt)"
LIVE_TESTS+=" io.numagen.vm.LiveTests $LIVE_TEST_CLASSES"

TOTAL_PASS=0
TOTAL_FAIL=0
SUMMARY=()
T_START=$(date +%s)

note() { SUMMARY+=("$*"); }

# Reads a log's last "N passed, N failed" line into CASE_PASS/CASE_FAIL; false if there is none.
read_summary() {
    local line
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$1" 2>/dev/null | tail -n1 || true)
    [[ -n $line ]] || return 1
    CASE_PASS=${line%% passed*}
    CASE_FAIL=${line#*, }
    CASE_FAIL=${CASE_FAIL%% failed}
}

# Writes the guest script for one boot: turns NUMA balancing off (so pages stay where they were placed), then
# runs each job "NAME|PREFIX|COMMAND" as PREFIX COMMAND, its stdout in $NUMAVM_OUT/NAME.log and its exit status in
# $NUMAVM_OUT/NAME.rc.
guest_script() { # guest_script FILE JOB...
    local file=$1 job name prefix args
    shift
    # shellcheck disable=SC2016  # expanded by the guest's shell, not here
    {
        echo '#!/bin/bash'
        echo '# generated by numa-vm-tests.sh; runs inside the guest'
        echo 'cd "$1" || exit 125'
        echo 'if ! echo 0 > /proc/sys/kernel/numa_balancing; then echo "# could not turn numa_balancing off"; fi'
        echo 'echo "# guest: $(uname -r), numa_balancing=$(cat /proc/sys/kernel/numa_balancing 2>/dev/null)"'
        for job in "$@"; do
            IFS='|' read -r name prefix args <<< "$job"
            echo "echo '## $name'"
            echo "$prefix $args > \"\$NUMAVM_OUT/$name.log\" 2> \"\$NUMAVM_OUT/$name.err\"; echo \$? > \"\$NUMAVM_OUT/$name.rc\""
        done
        echo 'exit 0'
    } > "$file"
}

run_case() { # run_case CASE VM-ARGS -- JOB...
    local case=$1 vmargs=() rc=0 t0 t1 job name jrc
    shift
    while [[ $1 != -- ]]; do vmargs+=("$1"); shift; done
    shift
    guest_script "$OUT/$case.guest.sh" "$@"
    echo "== $case: numa-vm.sh ${vmargs[*]}"
    t0=$(date +%s)
    "$VM" -v --timeout "$TIMEOUT" --out "$OUT" "${vmargs[@]}" -- bash "$OUT/$case.guest.sh" "$ROOT" \
        > "$OUT/$case.vm.out" 2> "$OUT/$case.vm.err" || rc=$?
    t1=$(date +%s)
    if [[ $rc == 3 ]]; then
        cat "$OUT/$case.vm.err" >&2
        missing "numa-vm.sh reports missing packages (see docs/numa-vm.md)"
    fi
    echo "# $case: guest exit $rc, $((t1 - t0)) s wall ($(grep -o 'timings.*' "$OUT/$case.vm.err" || echo 'no timings'))"
    if [[ $rc != 0 ]]; then
        TOTAL_FAIL=$((TOTAL_FAIL + 1))
        note "FAIL $case: the guest run failed (numa-vm.sh exit $rc)"
        sed 's/^/#   vm: /' "$OUT/$case.vm.err" | tail -n 40
    fi
    for job in "$@"; do
        name=${job%%|*}
        echo "-- $name"
        if [[ -s $OUT/$name.log ]]; then cat "$OUT/$name.log"; fi
        if [[ -s $OUT/$name.err ]]; then sed 's/^/#   stderr: /' "$OUT/$name.err" | head -n 40; fi
        jrc=$(tr -dc '0-9' < "$OUT/$name.rc" 2>/dev/null || true)
        if read_summary "$OUT/$name.log"; then
            TOTAL_PASS=$((TOTAL_PASS + CASE_PASS))
            TOTAL_FAIL=$((TOTAL_FAIL + CASE_FAIL))
            if [[ $jrc == 0 && $CASE_FAIL == 0 ]]; then
                note "ok   $name: $CASE_PASS passed, $CASE_FAIL failed"
            else
                [[ $CASE_FAIL != 0 ]] || TOTAL_FAIL=$((TOTAL_FAIL + 1))
                note "FAIL $name: $CASE_PASS passed, $CASE_FAIL failed, exit ${jrc:-?} ($(grep '^FAIL' "$OUT/$name.log" | cut -d: -f1 | sed 's/^FAIL //' | tr '\n' ' ' | sed 's/ $//'))"
            fi
        else
            TOTAL_FAIL=$((TOTAL_FAIL + 1))
            note "FAIL $name: no summary line (exit ${jrc:-none}); see $OUT/$name.err"
        fi
    done
}

# ---------------------------------------------------------------------------
# 1. The VM script's own self-test
# ---------------------------------------------------------------------------
if [[ $SELF == 1 ]]; then
    echo "== numa-vm-selftest.sh"
    src=0
    t0=$(date +%s)
    "$SELFTEST" > "$OUT/selftest.log" 2>&1 || src=$?
    t1=$(date +%s)
    sed 's/^/  /' "$OUT/selftest.log"
    if [[ $src == 3 ]]; then missing "numa-vm-selftest.sh reports missing packages"; fi
    if read_summary "$OUT/selftest.log"; then
        TOTAL_PASS=$((TOTAL_PASS + CASE_PASS))
        TOTAL_FAIL=$((TOTAL_FAIL + CASE_FAIL))
        if [[ $src == 0 ]]; then note "ok   selftest: $CASE_PASS passed, $CASE_FAIL failed ($((t1 - t0)) s)"
        else
            [[ $CASE_FAIL != 0 ]] || TOTAL_FAIL=$((TOTAL_FAIL + 1))
            note "FAIL selftest: $CASE_PASS passed, $CASE_FAIL failed, exit $src"
        fi
    else
        TOTAL_FAIL=$((TOTAL_FAIL + 1))
        note "FAIL selftest: exit $src, no summary line"
    fi
fi

# ---------------------------------------------------------------------------
# 2. The checks in guests
# ---------------------------------------------------------------------------
S="--size-mib $SIZE_MIB"
for c in "${CASES[@]}"; do
    case $c in
        nodes2) run_case nodes2 --nodes 2 -- \
            "nodes2||$CHECKS --expect-nodes 2 $NODES2_CHECKS $S" \
            "numactl|numactl --cpunodebind=1 --membind=1|$CHECKS --expect-nodes 2 --bound-node 1 $S" \
            "live-nodes2||$LIVE_TESTS" ;;
        nodes4) run_case nodes4 --nodes 4 -- \
            "nodes4||$CHECKS --expect-nodes 4 --checks topology,pinning,placement $S" \
            "live-nodes4||$LIVE_TESTS" ;;
        memoryless) run_case memoryless --nodes 2 --memoryless -- \
            "memoryless||$CHECKS --expect-nodes 2 --expect-memoryless --checks topology,memoryless $S" \
            "live-memoryless||$LIVE_TESTS" ;;
        pernode) run_case pernode --nodes 2 -- "pernode||bash scripts/numa-vm-pernode.sh" ;;
    esac
done

if pgrep -f "qemu-system-x86_64 .*$OUT" >/dev/null; then
    TOTAL_FAIL=$((TOTAL_FAIL + 1))
    note "FAIL a QEMU of this run is still running"
fi

T_END=$(date +%s)
echo "== summary ($((T_END - T_START)) s wall in total; emulated, so no time here says anything about speed)"
printf '%s\n' "${SUMMARY[@]}"
if [[ $TOTAL_FAIL == 0 && -n $TEMP_OUT ]]; then rm -rf "$TEMP_OUT"; else echo "logs: $OUT"; fi
echo "$TOTAL_PASS passed, $TOTAL_FAIL failed"
[[ $TOTAL_FAIL == 0 ]]
