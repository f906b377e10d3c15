#!/usr/bin/env bash
# The main job: build, run the quick benchmark matrix under numactl bindings, analyse it.
# Usage: scripts/run-quick-matrix.sh [numactl-matrix.sh options, e.g. --modes OFF,AUTO]
# About 5-8 minutes on 2 cores (11 configurations x 5 forks on a one-node machine, more cells on more nodes).
# Results and report: results/<host>/<UTC time>/ (the last lines say where).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh
mvn -B -ntp -q -DskipTests package
# Modes OFF and FORCE: FORCE applies pinning and first touch even on one node (AUTO would apply nothing there).
scripts/numactl-matrix.sh --preset quick --modes OFF,FORCE "$@"
