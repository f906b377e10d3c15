#!/usr/bin/env bash
# The main job: build, run the quick benchmark matrix under numactl bindings, analyse it.
# Usage: scripts/run-quick-matrix.sh [numactl-matrix.sh options, e.g. --modes OFF,AUTO]
# Results and report: results/<host>/<UTC time>/ (the last lines say where).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh
mvn -B -ntp -q -DskipTests package
scripts/numactl-matrix.sh --preset quick "$@"
