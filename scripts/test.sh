#!/usr/bin/env bash
# The test command: installs what the tests need, then runs every test suite.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh --tests

temurin=/usr/lib/jvm/temurin-25-jdk-amd64
if [[ -x "$temurin/bin/java" ]]; then
  echo "== build and fast unit tests on Temurin 25"
  JAVA_HOME=$temurin mvn -B -ntp -Pfast clean test
else
  echo "== Temurin 25 not found at $temurin: skipped the JDK 25 build" >&2
fi

echo "== unit and integration tests (JDK 17, including slow tests and a real JMH run)"
mvn -B -ntp clean verify

echo "== analysis of the example results folder, and the notebook on it"
java -jar target/numagen.jar analyze notebooks/example-synthetic-2node/synth-2node/20260101T000000Z \
  --out target/analysis-ci
scripts/run-notebook.sh notebooks/example-synthetic-2node/synth-2node/20260101T000000Z

echo "== Slurm: a local one-node cluster runs the matrix array + merge, the per-NUMA-node mode and a partitioned"
echo "   generation through sbatch (scripts/slurm-local.sh check, 1-4 min)"
scripts/slurm-local.sh check

echo "== NUMA layer in emulated multi-node VMs"
scripts/numa-vm-tests.sh

echo "== shell scripts (shellcheck)"
shellcheck scripts/*.sh scripts/numagen scripts/*.sbatch .ci/run
