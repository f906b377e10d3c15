#!/usr/bin/env bash
# numa-vm-pernode.sh - inside a 2-node guest of scripts/numa-vm-tests.sh (case pernode): runs
# scripts/per-node-matrix.sh, i.e. two JMH matrices at once on one host, one per NUMA node (each bound to its node's
# CPUs by numactl), then checks both finished, neither met JMH's lock, and `numagen merge` put them side by side.
# Prints PASS/FAIL lines and "N passed, N failed"; exit 0 when all passed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 125
out=${NUMAVM_OUT:?run inside scripts/numa-vm.sh}/pernode
mkdir -p "$out"
pass=0
fail=0
check() { # check NAME COMMAND...
    local name=$1
    shift
    if "$@"; then echo "PASS $name"; pass=$((pass + 1)); else echo "FAIL $name"; fail=$((fail + 1)); fi
}

# Lean JVM for TCG (C1 only, serial GC); JMH's forks inherit these flags from the runner JVM.
cat >"$out/java" <<'EOF'
#!/bin/sh
exec java -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xmx256m "$@"
EOF
chmod +x "$out/java"
echo "io.numagen.bench.HarnessSelfTestBenchmark -f 1 -wi 0 -i 1 -r 500ms" >"$out/tiny.args"

t0=$(date +%s)
JAVA=$out/java scripts/per-node-matrix.sh --preset "$out/tiny.args" --modes OFF --out "$out/results"
rc=$?
echo "# per-node-matrix.sh: exit $rc, $(($(date +%s) - t0)) s"
check "per-node-matrix.sh exits 0" test "$rc" = 0
for n in 0 1; do
    run=$(find "$out/results" -mindepth 2 -maxdepth 2 -type d -path "*-numa$n/*" | head -n1)
    run=${run:-/nonexistent}
    check "node $n: cell local-$n ran and is ok" grep -q '"status":"ok"' "$run/state/local-$n.OFF.json"
    check "node $n: JMH result has the benchmark" grep -q 'HarnessSelfTestBenchmark' "$run/cells/local-$n.OFF.json"
    # The label and the JMH temp folder are per run: the two runs never shared a lock or a folder.
    check "node $n: ran in its own JMH temp folder" test -d "$run/tmp"
done
check "no run met the JMH lock" bash -c "! grep -rq 'Unable to acquire the JMH lock' '$out/results'"
check "merge wrote a report" test -s "$out/results/merged/report.md"
for n in 0 1; do
    check "merged report shows numa$n" grep -q "numa$n" "$out/results/merged/report.md"
done
echo "$pass passed, $fail failed"
((fail == 0))
