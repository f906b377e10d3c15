#!/usr/bin/env bash
#SBATCH --job-name=numagen-merge
#SBATCH --nodes=1
#SBATCH --ntasks=1
#SBATCH --time=00:30:00
#SBATCH --output=slurm-numagen-merge-%j.out
#
# Merges the result folders of a Slurm matrix run (one per host or per NUMA node) into one analysis.
#
# usage: scripts/slurm-merge.sh RESULTS_DIR [--out DIR] [--cli target/numagen.jar]
#   RESULTS_DIR  e.g. results/slurm-<job id> (every folder below it holding a manifest.json is merged)
#   --out        default RESULTS_DIR/merged
# Works as a plain script or as a Slurm job (sbatch --dependency=afterany:<job id> scripts/slurm-merge.sh DIR).
set -euo pipefail

cd "${SLURM_SUBMIT_DIR:-$(dirname "${BASH_SOURCE[0]}")/..}"
dir=
out=
cli=target/numagen.jar
while (($# > 0)); do
    case "$1" in
        --out) out=${2:?--out needs a value}; shift 2 ;;
        --cli) cli=${2:?--cli needs a value}; shift 2 ;;
        -h | --help) sed -n '9,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "slurm-merge: unknown option '$1'" >&2; exit 2 ;;
        *) [[ -z $dir ]] || { echo "slurm-merge: one RESULTS_DIR only" >&2; exit 2; }; dir=$1; shift ;;
    esac
done
[[ -n $dir ]] || { echo "usage: scripts/slurm-merge.sh RESULTS_DIR [--out DIR] [--cli JAR]" >&2; exit 2; }
[[ -d $dir ]] || { echo "slurm-merge: $dir: no such directory" >&2; exit 2; }
[[ -f $cli ]] || { echo "slurm-merge: $cli not found (mvn -B -q -DskipTests package)" >&2; exit 2; }
out=${out:-$dir/merged}
"${JAVA:-java}" -jar "$cli" merge "$dir" --out "$out"
