#!/usr/bin/env bash
# The test command: installs what the tests need, then runs every test suite. A failed suite does not stop the
# later ones; the last line counts them all ("N passed, N failed, N skipped") and the exit status is 1 if any failed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1

passed=()
failed=()
skipped=()
total_start=$SECONDS
fmt() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

# suite NAME COMMAND...: runs one suite and records its outcome and duration.
suite() {
  local name=$1 start=$SECONDS
  shift
  echo "== $name"
  local rc=0
  "$@" || rc=$?
  if ((rc == 0)); then
    passed+=("$name")
    echo "== $name: passed in $(fmt $((SECONDS - start)))"
  else
    failed+=("$name")
    echo "== $name: FAILED (exit $rc) after $(fmt $((SECONDS - start)))"
  fi
}

skip() {
  skipped+=("$1")
  echo "== $1: skipped: $2"
}

suite "set-up (scripts/setup.sh --tests)" scripts/setup.sh --tests

temurin=/usr/lib/jvm/temurin-25-jdk-amd64
if [[ -x "$temurin/bin/java" ]]; then
  suite "build and fast unit tests on Temurin 25" env JAVA_HOME=$temurin mvn -B -ntp -Pfast clean test
else
  skip "build and fast unit tests on Temurin 25" "no JDK at $temurin"
fi

suite "unit and integration tests (JDK 17, slow tests, a real JMH run)" mvn -B -ntp clean verify

analysis_example() {
  local run=notebooks/example-synthetic-2node/synth-2node/20260101T000000Z
  java -jar target/numagen.jar analyze "$run" --out target/analysis-ci && scripts/run-notebook.sh "$run"
}
suite "analysis of the example results folder, and the notebook on it" analysis_example

analysis_real() {
  local real
  real=$(find results/vm -mindepth 1 -maxdepth 1 -type d -name '2*' | sort | tail -n 1)
  java -jar target/numagen.jar analyze "$real" --out target/analysis-real \
    && scripts/run-notebook.sh target/analysis-real --out target/notebooks-real
}
suite "analysis of the newest published real results folder, and the notebook on it" analysis_real
suite "Slurm: a local one-node cluster runs the matrix array + merge, the per-NUMA-node mode and a partitioned generation through sbatch" scripts/slurm-local.sh check
suite "NUMA layer in emulated multi-node VMs" scripts/numa-vm-tests.sh

suite "shell scripts (shellcheck)" shellcheck scripts/*.sh scripts/numagen scripts/*.sbatch .ci/run

echo
for s in "${failed[@]}"; do echo "failed: $s"; done
echo "test suites: ${#passed[@]} passed, ${#failed[@]} failed, ${#skipped[@]} skipped in $(fmt $((SECONDS - total_start)))"
(( ${#failed[@]} == 0 ))
