#!/usr/bin/env bash
# The main job: build, run the quick benchmark matrix under numactl bindings, analyse it.
# Usage: scripts/run-quick-matrix.sh [numactl-matrix.sh options, e.g. --modes OFF,AUTO]
# About 5-8 minutes on 2 cores (11 configurations x 5 forks on a one-node machine, more cells on more nodes).
# Run and report: runs/<host>/<UTC time>/ (git-ignored; the last lines say where); scripts/publish.sh RUN publishes it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
start=$SECONDS
scripts/setup.sh
echo "run-quick-matrix: building target/benchmarks.jar and target/numagen.jar (mvn package, tests skipped)"
mvn -B -ntp -q -DskipTests package
echo "run-quick-matrix: built in $((SECONDS - start)) s; running the quick matrix"
# Modes OFF and FORCE: FORCE applies pinning and first touch even on one node (AUTO would apply nothing there).
scripts/numactl-matrix.sh --preset quick --modes OFF,FORCE "$@"
echo "run-quick-matrix: done in $((SECONDS - start)) s"
