#!/usr/bin/env bash
# Executes notebooks/per-node-gain.ipynb headless and writes the executed copy (tables and plots inside).
#
# usage: scripts/run-notebook.sh [RESULTS] [--out DIR]
#   RESULTS  a result folder analysed by `numagen analyze` (holding summary.json) or a summary.json;
#            default: $NUMAGEN_RESULTS, else the notebook's default (the committed synthetic example)
#   --out    where the executed notebook goes (default: target/notebooks); the source notebook is not modified
#
# Needs the Debian packages jupyter-nbconvert python3-nbconvert python3-ipykernel python3-matplotlib
# python3-pandas; it installs nothing and says so when they are missing.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
out=$repo/target/notebooks
results=${NUMAGEN_RESULTS:-}

while (($# > 0)); do
    case "$1" in
        --out) out=${2:?--out needs a value}; shift 2 ;;
        -h | --help) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "run-notebook: unknown option '$1'" >&2; exit 2 ;;
        *) results=$1; shift ;;
    esac
done

# The Debian Jupyter stack lives in /usr/bin; put it first so a pyenv/venv python on PATH does not shadow it.
export PATH=/usr/bin:/bin:$PATH
missing=()
command -v jupyter-nbconvert >/dev/null || missing+=(jupyter-nbconvert python3-nbconvert)
python3 -c 'import ipykernel' 2>/dev/null || missing+=(python3-ipykernel)
python3 -c 'import matplotlib' 2>/dev/null || missing+=(python3-matplotlib)
python3 -c 'import pandas' 2>/dev/null || missing+=(python3-pandas)
if ((${#missing[@]} > 0)); then
    echo "run-notebook: missing ${missing[*]}; install with:" >&2
    echo "  apt-get install --no-install-recommends ${missing[*]}" >&2
    exit 2
fi

if [[ -n $results ]]; then
    [[ -e $results ]] || { echo "run-notebook: $results: no such file or directory" >&2; exit 2; }
    NUMAGEN_RESULTS=$(cd "$(dirname "$results")" && pwd)/$(basename "$results")
    export NUMAGEN_RESULTS
fi
mkdir -p "$out"
export MPLBACKEND=Agg PYDEVD_DISABLE_FILE_VALIDATION=1
jupyter-nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
    --output-dir "$out" --output per-node-gain.executed.ipynb "$repo/notebooks/per-node-gain.ipynb"
echo "run-notebook: executed notebook in $out/per-node-gain.executed.ipynb (results: ${NUMAGEN_RESULTS:-default})"
