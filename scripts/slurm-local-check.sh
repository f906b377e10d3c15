#!/usr/bin/env bash
# End-to-end check of the project's Slurm scripts on the local one-node cluster of scripts/slurm-local.sh
# (`scripts/slurm-local.sh check` runs this). Checks that slurm-local.sh refuses to start a cluster next to a Slurm
# it did not start (0.), then submits as a user would, with sbatch, and waits with time limits:
#   1. scripts/slurm-matrix.sbatch as an array (--array=0-1, tiny preset, per-host mode) and scripts/slurm-merge.sh
#      with --dependency=afterany; task 1's benchmark runs are made to fail: the merged report must list both
#      tasks, task 1's cells as failed and task 0's measurements;
#   2. the per-NUMA-node mode: one task per NUMA node of this host at once (plus a second index-0 task when the
#      host has one node and two CPUs, so that two JMH runs overlap), each with its own JMH lock and temp folder,
#      and their merge; an array index beyond the host's nodes must be refused (exit 2);
#   3. scripts/slurm-generate.sbatch: `numagen generate --part K/N` as an array of N tasks writing into one folder,
#      whose concatenation must be byte-identical to one `numagen generate` of the whole size.
# Brings the cluster up unless it is already up, and then tears it down again on every exit (trap), passed or not.
# Work folder (the "shared file system"): .slurm-local/check/ (the previous check's is removed first).
# NUMAGEN_SLURM_CHECK_WAIT: seconds each step may take before its jobs are cancelled (default 900).
# Exit status: 0 every check passed, 1 a check failed, 3 something missing (see scripts/slurm-local.sh).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
state=${NUMAGEN_SLURM_DIR:-$repo/.slurm-local}
export SLURM_CONF=$state/etc/slurm.conf
wait_limit=${NUMAGEN_SLURM_CHECK_WAIT:-900}
JAVA=${JAVA:-java}
cli=$repo/target/numagen.jar
work=$state/check
failures=()
check_start=$(date +%s)

say() { echo "slurm-check: $*"; }
pass() { say "PASS $*"; }
fail() {
    say "FAIL $*" >&2
    failures+=("$*")
}

cd "$repo"
for jar in target/benchmarks.jar target/numagen.jar; do
    [[ -f $jar ]] || { say "$jar not found: build it first with 'mvn -B -q -DskipTests package'" >&2; exit 3; }
done

started=0
finish() {
    local rc=$?
    if ((started)); then
        "$here/slurm-local.sh" down || { say "FAIL the cluster did not go down cleanly" >&2; rc=1; }
    fi
    exit "$rc"
}
trap finish EXIT
trap 'exit 130' INT TERM
if "$here/slurm-local.sh" status >/dev/null; then
    say "using the local cluster that is already up (it stays up)"
else
    started=1
    "$here/slurm-local.sh" up
fi
node=$(sed -n 's/^NodeName=\([^ ]*\).*/\1/p' "$SLURM_CONF")
cpus=$(sed -n 's/^NodeName=.* CPUs=\([0-9]*\).*/\1/p' "$SLURM_CONF")
rm -rf "$work"
mkdir -p "$work/logs"
say "work folder $work (job output in $work/logs)"

# ---------------------------------------------------------------- Slurm helpers

submit() { # sbatch arguments -> job id
    local out
    out=$(sbatch --parsable "$@") || return 1
    echo "${out%%;*}"
}

# Waits until none of the jobs is pending or running; after the time limit cancels them and fails.
wait_jobs() { # step-name job-id...
    local step=$1 ids deadline
    shift
    ids=$(IFS=,; echo "$*")
    deadline=$(($(date +%s) + wait_limit))
    while [[ -n $(squeue -h -j "$ids" -o %i 2>/dev/null) ]]; do
        if (($(date +%s) > deadline)); then
            scancel "$@" 2>/dev/null || true
            fail "$step: jobs $ids still queued or running after ${wait_limit} s: cancelled"
            return 1
        fi
        sleep 1
    done
}

# "STATE EXIT" of a job, or of one task of an array job (scontrol keeps finished jobs for MinJobAge).
job_state() { # job-id [array-index]
    scontrol -o show job "$1" 2>/dev/null | while read -r line; do
        [[ -z ${2:-} || " $line " == *" ArrayTaskId=$2 "* ]] || continue
        [[ $line =~ JobState=([A-Z_]+) ]] && st=${BASH_REMATCH[1]}
        [[ $line =~ ExitCode=([0-9]+:[0-9]+) ]] && echo "$st ${BASH_REMATCH[1]}"
    done | head -n 1
}

expect_state() { # what job-id array-index|"" expected-state expected-exit
    local got
    got=$(job_state "$2" "$3")
    if [[ $got == "$4 $5" ]]; then pass "$1: $4, exit $5"; else fail "$1: expected '$4 $5', Slurm says '${got:-nothing}'"; fi
}

# Runs one Python check over result files; prints its findings, fails the step on a non-zero exit.
py_check() { # what python-source args...
    local what=$1 src=$2 out
    shift 2
    if out=$(python3 -c "$src" "$@" 2>&1); then pass "$what: $out"; else fail "$what: $out"; fi
}

# Merged summary.json: the hosts of tasks task<K>/ and what each must show (ok = every cell ok and some
# measurements; failed = every cell failed with the injected exit code 3, no measurements).
# shellcheck disable=SC2016 # Python source
merged_tasks_py='
import json, sys
s = json.load(open(sys.argv[1]))
want = dict(a.split("=") for a in sys.argv[2:])
seen = []
for task, expect in want.items():
    hosts = [h["host"] for h in s["hosts"] if "/" + task + "/" in h["folder"] + "/"]
    if len(hosts) != 1:
        sys.exit("%s: %d merged hosts from its folder, expected 1" % (task, len(hosts)))
    cells = [c for c in s["cells"] if c["host"] == hosts[0]]
    meas = [m for m in s["measurements"] if m["host"] == hosts[0]]
    statuses = sorted({c["status"] for c in cells})
    if expect == "ok" and (statuses != ["ok"] or not meas):
        sys.exit("%s (%s): cells %s, %d measurements; expected all ok with measurements" % (task, hosts[0], statuses, len(meas)))
    if expect == "failed" and (statuses != ["failed"] or meas or {c["exitCode"] for c in cells} != {3}):
        sys.exit("%s (%s): cells %s, %d measurements; expected all failed (exit 3), none" % (task, hosts[0], statuses, len(meas)))
    seen.append("%s = %s: %d cell(s) %s, %d measurement(s)" % (task, hosts[0], len(cells), "/".join(statuses), len(meas)))
if len(s["hosts"]) != len(want):
    sys.exit("%d hosts merged, expected %d" % (len(s["hosts"]), len(want)))
print("; ".join(seen))
'

# Manifests of per-NUMA-node tasks: every one labelled numa<K> with its cells ok; the first two ran at the same time.
# shellcheck disable=SC2016 # Python source
overlap_py='
import datetime, glob, json, sys
spans = []
for f in sorted(glob.glob(sys.argv[1] + "/**/manifest.json", recursive=True)):
    m = json.load(open(f))
    ran = [c for c in m["cells"] if c["status"] != "skipped"]
    if not ran or any(c["status"] != "ok" for c in ran) or not (m.get("label") or "").startswith("numa"):
        sys.exit("%s: label %s, cells %s" % (f, m.get("label"), [(c["id"], c["status"]) for c in ran]))
    t = lambda s: datetime.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").timestamp()
    spans.append((min(t(c["start"]) for c in ran), max(t(c["start"]) + c["durationSeconds"] for c in ran), m["label"]))
if len(spans) != int(sys.argv[2]):
    sys.exit("%d per-node result folders, expected %s" % (len(spans), sys.argv[2]))
if int(sys.argv[3]) and not (spans[0][0] < spans[1][1] and spans[1][0] < spans[0][1]):
    sys.exit("the two tasks did not run at the same time: %s" % spans)
print("%d task(s) ok, labels %s%s" % (len(spans), [s[2] for s in spans], ", the first two overlapped" if int(sys.argv[3]) else ""))
'

step_start=0
begin_step() {
    step_start=$(date +%s)
    say "== $*"
}
end_step() { say "   ($1 took $(($(date +%s) - step_start)) s)"; }

# ---------------------------------------------------------------- 0. no second cluster next to this one

begin_step "0. slurm-local.sh up for another state folder refuses to start next to this cluster"
rc=0
out=$(NUMAGEN_SLURM_DIR=$work/other "$here/slurm-local.sh" up 2>&1) || rc=$?
if ((rc == 0)); then
    fail "a second cluster started next to the first: $out"
    NUMAGEN_SLURM_DIR=$work/other "$here/slurm-local.sh" down
elif ((rc == 3)) && [[ $out == *"a Slurm this script did not start is running"* ]]; then
    pass "refused with exit 3: $(echo "$out" | tail -n 1)"
else
    fail "expected exit 3 and 'a Slurm this script did not start is running', got: $out"
fi
end_step "refusal"

# ---------------------------------------------------------------- 1. matrix array + merge, one task failing

begin_step "1. matrix array (--array=0-1, tiny preset) + merge (--dependency=afterany); task 1 made to fail"
results=$work/matrix
# A stand-in for java that fails task 1's benchmark runs, as a crashing JVM or a broken node would.
failing_java=$work/java-failing-task1
cat >"$failing_java" <<'EOF'
#!/usr/bin/env bash
if [[ ${SLURM_ARRAY_TASK_ID:-} == 1 && " $* " == *" io.numagen.bench.run.MatrixRunner "* ]]; then
    echo "slurm-check: injected failure of array task 1" >&2
    exit 3
fi
EOF
echo "exec $(printf %q "$JAVA") \"\$@\"" >>"$failing_java"
chmod +x "$failing_java"
if jid=$(NUMAGEN_PRESET=tiny NUMAGEN_MODES=OFF NUMAGEN_RESULTS_DIR=$results JAVA=$failing_java \
        submit --array=0-1 --time=15 --output="$work/logs/matrix-%A_%a.out" scripts/slurm-matrix.sbatch) &&
    mid=$(submit --dependency="afterany:$jid" --time=10 --output="$work/logs/matrix-merge-%j.out" \
        scripts/slurm-merge.sh "$results/slurm-$jid"); then
    say "submitted array job $jid and merge job $mid"
    if wait_jobs "matrix" "$jid" "$mid"; then
        expect_state "matrix task 0" "$jid" 0 COMPLETED 0:0
        expect_state "matrix task 1 (made to fail)" "$jid" 1 FAILED 1:0
        expect_state "merge after both" "$mid" "" COMPLETED 0:0
        py_check "merged report" "$merged_tasks_py" "$results/slurm-$jid/merged/summary.json" task0=ok task1=failed
    fi
else
    fail "matrix: sbatch refused the jobs"
fi
end_step "matrix"

# ---------------------------------------------------------------- 2. per-NUMA-node mode

begin_step "2. per-NUMA-node mode on $node"
nodes=$(compgen -G "/sys/devices/system/node/node[0-9]*" | wc -l)
pernode=$work/per-numa-node
pn_submit() { # sbatch arguments
    NUMAGEN_SLURM_MODE=per-numa-node NUMAGEN_PRESET=tiny NUMAGEN_MODES=OFF NUMAGEN_RESULTS_DIR=$pernode \
        submit --exclusive=user --nodelist="$node" --cpus-per-task=1 --time=15 "$@" scripts/slurm-matrix.sbatch
}
if ((nodes == 0)); then
    fail "per-NUMA-node: /sys/devices/system/node has no node folders (kernel without NUMA): the mode cannot run here"
else
    # Two tasks at once: one per node where there are two nodes, else a second index-0 task, when CPUs allow.
    concurrent=$((cpus >= 2 ? 1 : 0))
    extra=$((nodes < 2 && concurrent ? 1 : 0))
    ((concurrent)) || say "only $cpus CPU(s) in the cluster: the per-node tasks run one after the other"
    ids=()
    if aid=$(pn_submit --array="0-$((nodes - 1))" --output="$work/logs/pernode-%A_%a.out"); then ids+=("$aid"); fi
    if ((extra)) && bid=$(pn_submit --array=0 --output="$work/logs/pernode-%A_%a.out"); then ids+=("$bid"); fi
    if cid=$(pn_submit --array="$nodes" --output="$work/logs/pernode-beyond-%A_%a.out"); then ids+=("$cid"); fi
    deps=$(IFS=:; echo "${ids[*]:0:1+extra}")
    if ((${#ids[@]} == 2 + extra)) &&
        mid=$(submit --dependency="afterany:$deps" --time=10 --output="$work/logs/pernode-merge-%j.out" \
            scripts/slurm-merge.sh "$pernode"); then
        say "submitted per-node array $aid (indices 0-$((nodes - 1)))$( ((extra)) && echo ", second index-0 job $bid"),\
 index $nodes (beyond the host's nodes) as $cid, merge $mid"
        if wait_jobs "per-NUMA-node" "${ids[@]}" "$mid"; then
            for ((k = 0; k < nodes; k++)); do expect_state "per-node task $k" "$aid" "$k" COMPLETED 0:0; done
            ((extra == 0)) || expect_state "second index-0 task" "$bid" 0 COMPLETED 0:0
            expect_state "index $nodes refused" "$cid" "$nodes" FAILED 2:0
            if grep -qs "has no NUMA node $nodes" "$work/logs/pernode-beyond-${cid}_$nodes.out"; then
                pass "index $nodes: $(grep -h "has no NUMA node" "$work/logs/pernode-beyond-${cid}_$nodes.out")"
            else
                fail "index $nodes: no 'has no NUMA node $nodes' in $work/logs/pernode-beyond-${cid}_$nodes.out"
            fi
            if grep -ls "Unable to acquire the JMH lock" "$work"/logs/pernode-*.out "$pernode"/*/*/*/*/cells/*.log; then
                fail "per-node tasks: JMH refused to run next to another JMH (files above)"
            fi
            py_check "per-node tasks" "$overlap_py" "$pernode" $((nodes + extra)) "$concurrent"
            expect_state "per-node merge" "$mid" "" COMPLETED 0:0
            if [[ -s $pernode/merged/summary.json ]]; then
                pass "per-node merge: $pernode/merged/report.md"
            else
                fail "per-node merge wrote no $pernode/merged/summary.json"
            fi
        fi
    else
        fail "per-NUMA-node: sbatch refused the jobs"
    fi
fi
end_step "per-NUMA-node"

# ---------------------------------------------------------------- 3. partitioned generation

begin_step "3. partitioned generation: generate --part K/N as an array of 3 tasks into one folder"
gen=$work/generate
gen_args=(--size 5MiB --seed 42 --dedup 2 --compress 2)
# The one-process reference below may start before any task has made the folder.
mkdir -p "$gen"
if ! "$JAVA" -jar "$cli" generate --help 2>&1 | grep -q -- '--part'; then
    fail "generate: this numagen has no --part option"
elif gid=$(submit --array=0-2 --time=10 --output="$work/logs/generate-%A_%a.out" scripts/slurm-generate.sbatch \
        "$gen/parts" "${gen_args[@]}"); then
    say "submitted array job $gid; one-process reference: numagen generate ${gen_args[*]}"
    "$JAVA" -jar "$cli" generate "${gen_args[@]}" --out "$gen/whole.bin" >"$work/logs/generate-whole.err" 2>&1 ||
        fail "generate (one process) failed: $(cat "$work/logs/generate-whole.err")"
    if wait_jobs "generate" "$gid"; then
        for k in 0 1 2; do expect_state "generate part $k/3" "$gid" "$k" COMPLETED 0:0; done
        parts=("$gen"/parts/part-*)
        if ((${#parts[@]} == 3)) && cat "${parts[@]}" | cmp -s - "$gen/whole.bin"; then
            pass "generate: cat ${parts[*]##*/} ($(cat "${parts[@]}" | wc -c) bytes) is byte-identical to one process"
        else
            fail "generate: parts ${parts[*]##*/} do not concatenate to $gen/whole.bin ($(wc -c <"$gen/whole.bin") bytes)"
        fi
    fi
else
    fail "generate: sbatch refused the job"
fi
end_step "generate"

# ---------------------------------------------------------------- result

total=$(($(date +%s) - check_start))
if ((${#failures[@]} > 0)); then
    say "${#failures[@]} check(s) failed in ${total} s (job output: $work/logs, daemon logs: $state/log):" >&2
    printf '  %s\n' "${failures[@]}" >&2
    exit 1
fi
say "all checks passed in ${total} s (job output: $work/logs)"
