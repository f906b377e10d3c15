#!/usr/bin/env bash
# A one-node Slurm cluster on this machine (Debian's slurm-wlm 22.05 and munge), to run the project's Slurm scripts
# for real.
#
# usage: scripts/slurm-local.sh up|down|status|check
#   up      start munged, slurmctld and slurmd; slurm.conf is generated from `numagen topology --json`
#           (CPUs, sockets, cores, threads and memory as numagen's topology reader sees them)
#   down    cancel the cluster's jobs and stop the daemons this script started
#   status  say whether the cluster is up (exit 0) or not (exit 1), and how to use it
#   check   scripts/slurm-local-check.sh: bring the cluster up (unless it is up), run the project's Slurm scripts
#           through sbatch, check their results, tear down what it started (also when a check fails)
# Everything lives in .slurm-local/ (git-ignored; NUMAGEN_SLURM_DIR overrides): etc/slurm.conf, log/, the munge key.
# Use the cluster with: export SLURM_CONF=$PWD/.slurm-local/etc/slurm.conf, then sbatch/squeue/scancel as usual.
# As root, the daemons run as root and jobs as their submitter; as another user, everything runs as that user
# (SlurmUser = SlurmdUser = you), so only that user can run jobs. Ports: 6817 and 6818 (NUMAGEN_SLURM_PORTS=A,B).
# Needs: apt-get install --no-install-recommends slurm-wlm munge (scripts/setup.sh --tests), and for check a built
# project (mvn -B -q -DskipTests package).
# Exit status: 0 ok, 1 a daemon or a check failed, 2 bad arguments, 3 something missing or a Slurm it did not
# start is running.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
state=${NUMAGEN_SLURM_DIR:-$repo/.slurm-local}
conf=$state/etc/slurm.conf
export SLURM_CONF=$conf # every daemon and client of this script uses the local cluster's configuration
socket=$state/run/munge.socket
IFS=, read -r ctld_port slurmd_port <<<"${NUMAGEN_SLURM_PORTS:-6817,6818}"
if ! [[ $ctld_port =~ ^[0-9]{4,5}$ && $slurmd_port =~ ^[0-9]{4,5}$ ]] || ((ctld_port == slurmd_port ||
    ctld_port > 65535 || slurmd_port > 65535)); then
    echo "slurm-local: NUMAGEN_SLURM_PORTS must be two different ports A,B from 1024 to 65535, got \
'${NUMAGEN_SLURM_PORTS:-}'" >&2
    exit 2
fi
node=$(hostname -s 2>/dev/null || uname -n)
user=$(id -un)
daemons=(munged slurmctld slurmd)
JAVA=${JAVA:-java}

say() { echo "slurm-local: $*"; }
die() { # status message
    echo "slurm-local: $2" >&2
    exit "$1"
}
usage() { sed -n '5,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

# ---------------------------------------------------------------- processes

pid_file() { echo "$state/run/$1.pid"; }

# Pid of daemon $1 if the pid file names a live process of that name (a stale file or a reused pid gives nothing).
our_pid() {
    local f pid
    f=$(pid_file "$1")
    [[ -r $f ]] || return 1
    pid=$(tr -dc 0-9 <"$f")
    [[ -n $pid && $(cat "/proc/$pid/comm" 2>/dev/null) == "$1" ]] || return 1
    echo "$pid"
}

is_up() {
    local d
    for d in "${daemons[@]}"; do our_pid "$d" >/dev/null || return 1; done
}

# Refuses when a Slurm daemon runs that is not ours (a system Slurm, another checkout's cluster).
refuse_foreign() {
    local name pid mine found=()
    for name in slurmctld slurmd slurmdbd; do
        mine=$(our_pid "$name" || true)
        for pid in $(pgrep -x "$name" || true); do
            [[ $pid == "$mine" ]] && continue
            found+=("$name pid $pid (user $(ps -o user= -p "$pid" 2>/dev/null || echo '?'): $(tr '\0' ' ' \
                <"/proc/$pid/cmdline" 2>/dev/null))")
        done
    done
    if ((${#found[@]} > 0)); then
        printf 'slurm-local: a Slurm this script did not start is running:\n' >&2
        printf '  %s\n' "${found[@]}" >&2
        die 3 "refusing to start a second one next to it; stop it first, or submit to it directly"
    fi
    local port
    for port in "$ctld_port" "$slurmd_port"; do
        if (: <"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            die 3 "port $port on 127.0.0.1 is taken by another program; choose free ones with NUMAGEN_SLURM_PORTS=A,B"
        fi
    done
}

# Stops one daemon of ours: SIGTERM, then SIGKILL after 20 s.
stop_daemon() {
    local pid i
    pid=$(our_pid "$1") || return 0
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
        [[ -d /proc/$pid ]] || break
        sleep 0.2
    done
    if [[ -d /proc/$pid ]]; then
        say "$1 (pid $pid) did not stop within 20 s: killed"
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$(pid_file "$1")"
    say "stopped $1 (pid $pid)"
}

# Processes of this cluster still running: the daemons and job steps (slurmstepd daemonises, outliving slurmd) all
# carry SLURM_CONF=<this cluster's slurm.conf> in their environment. (A zombie has no environment left: not counted.)
leftovers() {
    local name pid
    for pid in $(for name in munged slurmctld slurmd slurmstepd; do pgrep -x "$name"; done); do
        if { tr '\0' '\n' <"/proc/$pid/environ"; } 2>/dev/null | grep -qxF "SLURM_CONF=$conf"; then echo "$pid"; fi
    done
}

# Children, then their children, ...: a job step's processes (its job script and what that started).
descendants() {
    local child
    for child in $(pgrep -P "$1"); do
        echo "$child"
        descendants "$child"
    done
}

cluster_down() {
    local jobs i pid tree
    if our_pid slurmctld >/dev/null; then
        jobs=$(squeue -h -o %A 2>/dev/null | sort -u | tr '\n' ' ' || true)
        if [[ -n ${jobs// /} ]]; then
            say "cancelling jobs $jobs"
            # shellcheck disable=SC2086 # a list of job ids
            scancel $jobs 2>/dev/null || true
            for ((i = 0; i < 150; i++)); do
                [[ -z $(squeue -h -o %A 2>/dev/null) ]] && break
                sleep 0.2
            done
        fi
    fi
    stop_daemon slurmd
    stop_daemon slurmctld
    stop_daemon munged
    for pid in $(leftovers); do
        mapfile -t tree < <(descendants "$pid")
        say "killing $(cat "/proc/$pid/comm" 2>/dev/null) (pid $pid) and its processes ${tree[*]}, left by the daemons"
        kill -9 "${tree[@]}" "$pid" 2>/dev/null || true
    done
}

# ---------------------------------------------------------------- configuration

require_tools() {
    local t missing=()
    for t in munged mungekey munge unmunge slurmctld slurmd sbatch squeue scontrol scancel sinfo python3; do
        command -v "$t" >/dev/null || missing+=("$t")
    done
    ((${#missing[@]} == 0)) || die 3 "not installed: ${missing[*]} (scripts/setup.sh --tests, or as root: apt-get \
install --no-install-recommends slurm-wlm munge python3)"
    [[ -f $repo/target/numagen.jar ]] || die 3 "$repo/target/numagen.jar not found: build it with \
'mvn -B -q -DskipTests package'"
    ((${#socket} < 100)) || die 3 "$socket is too long for a Unix socket path; set NUMAGEN_SLURM_DIR to a shorter folder"
}

# The NodeName line from numagen's topology: CPUs it may use, their sockets/cores/threads, memory of its nodes.
node_line() {
    python3 - "$1" "$node" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
allowed = set(t["allowedCpus"])
cpus = [c for c in t["cpus"] if c["id"] in allowed]
n = len(allowed)
sockets = len({c["package"] for c in cpus}) or 1
cores = len({(c["package"], c["core"]) for c in cpus}) or n
threads = max([len(set(c["threadSiblings"]) & allowed) for c in cpus] or [1])
note = ""
if sockets * (cores // sockets) * threads != n or cores % sockets or -1 in {c["core"] for c in cpus}:
    note = "# CPUs without a regular socket/core/thread layout: described as one socket of %d cores\n" % n
    sockets, cores, threads = 1, n, 1
mem = sum(x["memTotalBytes"] or 0 for x in t["nodes"] if x["hasMemory"]) // (1024 * 1024)
numa = len(t["nodes"])
print("%s# numagen topology: %d NUMA node(s), %d allowed CPU(s), %d MiB on the nodes with memory" % (note, numa, n, mem))
print("NodeName=%s NodeAddr=127.0.0.1 CPUs=%d Sockets=%d CoresPerSocket=%d ThreadsPerCore=%d%s State=UNKNOWN"
      % (sys.argv[2], n, sockets, cores // sockets, threads, " RealMemory=%d" % mem if mem else ""))
PY
}

write_config() {
    # A fresh cluster at every up: a job left in the saved state (e.g. after slurmctld was killed) would be requeued
    # and hold the node. Job ids start again at 1.
    rm -rf "$state/spool"
    mkdir -p "$state/etc" "$state/log" "$state/spool/ctld" "$state/spool/d" "$state/munge" "$state/run"
    # munged refuses a readable key folder and a socket folder that others cannot enter.
    chmod 700 "$state/munge"
    chmod 755 "$state/run"
    "$JAVA" -jar "$repo/target/numagen.jar" topology --json >"$state/etc/topology.json" ||
        die 1 "numagen topology --json failed (see above)"
    : >"$state/etc/plugstack.conf"
    {
        echo "# Generated by scripts/slurm-local.sh up from numagen's topology (etc/topology.json); rewritten at every up."
        echo "ClusterName=numagen-local"
        echo "SlurmctldHost=$node(127.0.0.1)"
        echo "SlurmUser=$user"
        echo "SlurmdUser=$user"
        echo "SlurmctldPort=$ctld_port"
        echo "SlurmdPort=$slurmd_port"
        echo "AuthType=auth/munge"
        echo "CredType=cred/munge"
        echo "AuthInfo=socket=$socket"
        echo "StateSaveLocation=$state/spool/ctld"
        echo "SlurmdSpoolDir=$state/spool/d"
        echo "SlurmctldPidFile=$(pid_file slurmctld)"
        echo "SlurmdPidFile=$(pid_file slurmd)"
        echo "SlurmctldLogFile=$state/log/slurmctld.log"
        echo "SlurmdLogFile=$state/log/slurmd.log"
        echo "PlugStackConfig=$state/etc/plugstack.conf"
        # No cgroups (they need root and a writable cgroup tree): processes tracked by parent pid, no CPU binding.
        echo "ProctrackType=proctrack/linuxproc"
        echo "TaskPlugin=task/none"
        echo "JobAcctGatherType=jobacct_gather/none"
        echo "AccountingStorageType=accounting_storage/none"
        echo "JobCompType=jobcomp/none"
        echo "MpiDefault=none"
        echo "SwitchType=switch/none"
        echo "MailProg=/bin/true"
        # CPUs, not whole nodes, are the unit: two one-CPU jobs (per-NUMA-node tasks) can share the node.
        echo "SchedulerType=sched/backfill"
        echo "SelectType=select/cons_tres"
        echo "SelectTypeParameters=CR_CPU"
        echo "ReturnToService=2"
        # Finished jobs stay visible to scontrol for an hour, long enough for check to read their states.
        echo "MinJobAge=3600"
        node_line "$state/etc/topology.json"
        echo "PartitionName=local Nodes=$node Default=YES MaxTime=INFINITE State=UP"
    } >"$conf.tmp"
    mv -f "$conf.tmp" "$conf"
    [[ -f $state/munge/munge.key ]] || mungekey --create --keyfile="$state/munge/munge.key"
}

# Waits for daemon $1's pid file (it is written after the daemon forks).
wait_pid() {
    local i
    for ((i = 0; i < 100; i++)); do
        our_pid "$1" >/dev/null && return 0
        sleep 0.1
    done
    return 1
}

# Prints the end of a log and fails: $1 what failed, $2 the log.
start_failed() {
    echo "slurm-local: $1; the end of $2:" >&2
    tail -n 15 "$2" >&2 2>/dev/null || true
    cluster_down >&2
    die 1 "not started (logs in $state/log and $state/munge)"
}

cluster_up() {
    require_tools
    if is_up; then
        say "already up: $(status_line)"
        return 0
    fi
    cluster_down >/dev/null # a partly running cluster of ours (e.g. a daemon that died) is restarted whole
    refuse_foreign
    write_config
    # The daemons must not inherit the lock (fd 9): they would hold it after this script ends.
    munged --socket="$socket" --key-file="$state/munge/munge.key" --pid-file="$(pid_file munged)" \
        --log-file="$state/munge/munged.log" --seed-file="$state/munge/munged.seed" 9>&- ||
        start_failed "munged did not start" "$state/munge/munged.log"
    wait_pid munged || start_failed "munged wrote no pid file" "$state/munge/munged.log"
    munge -n -S "$socket" | unmunge -S "$socket" >/dev/null ||
        start_failed "munge credentials do not round-trip" "$state/munge/munged.log"
    slurmctld 9>&- || start_failed "slurmctld did not start" "$state/log/slurmctld.log"
    wait_pid slurmctld || start_failed "slurmctld wrote no pid file" "$state/log/slurmctld.log"
    slurmd -N "$node" 9>&- || start_failed "slurmd did not start" "$state/log/slurmd.log"
    wait_pid slurmd || start_failed "slurmd wrote no pid file" "$state/log/slurmd.log"
    local i st=
    for ((i = 0; i < 150; i++)); do
        st=$(sinfo -h -n "$node" -o %T 2>/dev/null || true)
        [[ $st == idle ]] && break
        sleep 0.2
    done
    [[ $st == idle ]] || start_failed "node $node is '${st:-unknown}', not idle, after 30 s" "$state/log/slurmd.log"
    say "started munged (pid $(our_pid munged)), slurmctld (pid $(our_pid slurmctld)) and slurmd (pid $(our_pid slurmd)) as $user"
    say "node: $(grep '^NodeName=' "$conf")"
    say "config $conf; logs $state/log/slurmctld.log, $state/log/slurmd.log, $state/munge/munged.log"
    say "use it with: export SLURM_CONF=$conf; stop it with: scripts/slurm-local.sh down"
}

status_line() {
    echo "munged $(our_pid munged || echo -), slurmctld $(our_pid slurmctld || echo -), slurmd $(our_pid slurmd || echo -); \
SLURM_CONF=$conf"
}

# One lock for up and down in this state folder, so two of them cannot start or stop the same daemons at once.
take_lock() {
    mkdir -p "$state"
    exec 9>"$state/lock"
    flock -n 9 || die 3 "another slurm-local.sh is working on $state (it holds $state/lock)"
}

# ---------------------------------------------------------------- main

(($# == 1)) || { usage >&2; die 2 "expected one of up, down, status, check"; }
case $1 in
    up)
        take_lock
        cluster_up
        ;;
    down)
        take_lock
        cluster_down
        left=$(leftovers | tr '\n' ' ')
        [[ -z $left ]] || die 1 "still running after down: pids $left"
        say "down: nothing of the local cluster is running"
        ;;
    status)
        if is_up; then
            say "up: $(status_line)"
        elif [[ -n $(leftovers) ]]; then
            say "partly up, not usable ($(status_line)): scripts/slurm-local.sh down, or up to restart it"
            exit 1
        else
            say "down"
            exit 1
        fi
        ;;
    check)
        exec "$here/slurm-local-check.sh"
        ;;
    -h | --help) usage ;;
    *) usage >&2; die 2 "unknown command '$1' (up, down, status, check)" ;;
esac
