#!/usr/bin/env bash
# numa-vm.sh - run a command inside a small QEMU guest with an emulated NUMA topology.
#
# The guest boots Debian's kernel (cached by scripts/guest-kernel.sh, else /boot/vmlinuz-*) with a tiny busybox
# initramfs, mounts the host's root filesystem read-only over 9p and chroots into
# it, so the host's JDK, the project's target/*.jar and libnuma work unchanged.
# A writable 9p share (--out DIR) is mounted at the same path inside the guest.
# The command's stdout/stderr are streamed to the host's stdout/stderr, and the
# command's exit status becomes this script's exit status.
#
# See docs/numa-vm.md for details.
set -euo pipefail

readonly PROG=numa-vm
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly SCRIPT_DIR
readonly EXIT_MISSING=3      # a required tool/package is missing
readonly EXIT_TIMEOUT=124    # wall-clock timeout hit (like timeout(1))
readonly EXIT_VMFAIL=125     # the VM did not report an exit status

usage() {
    cat <<'EOF'
Usage: scripts/numa-vm.sh [options] -- COMMAND [ARG...]

Boots a QEMU guest with an emulated NUMA topology and runs COMMAND in it
(chrooted into the host's root filesystem, mounted read-only; cwd preserved).

Options:
  --nodes N           NUMA nodes with memory: 2 (default) or 4 (any 1..8 works)
  --memoryless        add one extra node that has CPUs but no memory
  --mem-per-node MiB  memory per node (default 1024 with <=2 nodes, 512 otherwise)
  --cpus-per-node N   vCPUs per node (default 2)
  --timeout SECONDS   wall-clock limit for the whole run (default 600)
  --out DIR           host dir shared WRITABLE into the guest at the same path
                      (default: a new temp dir; removed if left empty, else
                      its path is printed on stderr)
  --kernel FILE       kernel image (default: scripts/guest-kernel.sh's cache, else /boot/vmlinuz-*)
  --console FILE      save the guest's kernel console log to FILE
  --install           apt-get install missing packages (automatic as root with CI=true)
  -v, --verbose       print topology and host-clock timings on stderr
  -h, --help          this help

Exit status: COMMAND's exit status; 2 usage error; 3 missing tool/package;
124 timeout; 125 the VM failed before reporting a status.
Inside the guest: NUMAVM=1, NUMAVM_OUT=<out dir>; stdin is /dev/null; /tmp is
a fresh tmpfs (a working directory below the host's /tmp stays visible); the
rest of the host filesystem is read-only.
EOF
}

die() { echo "$PROG: $*" >&2; exit 2; }
log() { echo "$PROG: $*" >&2; }
vlog() { if [[ $VERBOSE == 1 ]]; then echo "$PROG: $*" >&2; fi; }

NODES=2
MEMORYLESS=0
MEM_PER_NODE=
CPUS_PER_NODE=2
TIMEOUT=600
OUT_DIR=
KERNEL=
CONSOLE_COPY=
INSTALL=0
VERBOSE=0

while [[ $# -gt 0 ]]; do
    case $1 in
        --nodes) NODES=${2:?--nodes needs a value}; shift 2 ;;
        --nodes=*) NODES=${1#*=}; shift ;;
        --memoryless) MEMORYLESS=1; shift ;;
        --mem-per-node) MEM_PER_NODE=${2:?--mem-per-node needs a value}; shift 2 ;;
        --mem-per-node=*) MEM_PER_NODE=${1#*=}; shift ;;
        --cpus-per-node) CPUS_PER_NODE=${2:?--cpus-per-node needs a value}; shift 2 ;;
        --cpus-per-node=*) CPUS_PER_NODE=${1#*=}; shift ;;
        --timeout) TIMEOUT=${2:?--timeout needs a value}; shift 2 ;;
        --timeout=*) TIMEOUT=${1#*=}; shift ;;
        --out) OUT_DIR=${2:?--out needs a value}; shift 2 ;;
        --out=*) OUT_DIR=${1#*=}; shift ;;
        --kernel) KERNEL=${2:?--kernel needs a value}; shift 2 ;;
        --kernel=*) KERNEL=${1#*=}; shift ;;
        --console) CONSOLE_COPY=${2:?--console needs a value}; shift 2 ;;
        --console=*) CONSOLE_COPY=${1#*=}; shift ;;
        --install) INSTALL=1; shift ;;
        -v|--verbose) VERBOSE=1; shift ;;
        -h|--help) usage; exit 0 ;;
        --) shift; break ;;
        *) usage >&2; die "unknown option: $1 (the command goes after --)" ;;
    esac
done
[[ $# -gt 0 ]] || { usage >&2; die "no COMMAND given"; }

isnum() { [[ $1 =~ ^[0-9]+$ ]]; }
inrange() { isnum "$1" && (( $1 >= $2 && $1 <= $3 )); }
inrange "$NODES" 1 8 || die "--nodes must be 1..8"
inrange "$CPUS_PER_NODE" 1 16 || die "--cpus-per-node must be 1..16"
inrange "$TIMEOUT" 1 86400 || die "--timeout must be a positive number of seconds"
if [[ -z $MEM_PER_NODE ]]; then
    if (( NODES <= 2 )); then MEM_PER_NODE=1024; else MEM_PER_NODE=512; fi
fi
inrange "$MEM_PER_NODE" 128 65536 || die "--mem-per-node must be >= 128 (MiB)"
if [[ ${CI:-} == true && $(id -u) == 0 ]]; then INSTALL=1; fi

# ---------------------------------------------------------------------------
# Prerequisites
# ---------------------------------------------------------------------------
MISSING_PKGS=()
MISSING_WHAT=()
need() { # need WHAT PACKAGE
    MISSING_WHAT+=("$1 (apt package $2)")
    MISSING_PKGS+=("$2")
}

MODROOT=   # the root folder the guest kernel's lib/modules is under ("" = the host's)
find_kernel() {
    # Sets KERNEL to the guest kernel scripts/setup.sh --tests unpacked into a cache folder (never installed),
    # else to the newest /boot/vmlinuz-VER that has a /lib/modules/VER directory.
    local k ver root best=
    if root=$("$SCRIPT_DIR/guest-kernel.sh" 2>/dev/null); then
        for k in "$root"/boot/vmlinuz-*; do [[ -f $k ]] && best=$k; done
        if [[ -n $best ]]; then MODROOT=$root; KERNEL=$best; return; fi
    fi
    for k in /boot/vmlinuz-*; do
        [[ -f $k ]] || continue
        ver=${k#/boot/vmlinuz-}
        [[ -d /lib/modules/$ver/kernel ]] || continue
        if [[ -z $best ]] || [[ $(printf '%s\n%s\n' "${best#/boot/vmlinuz-}" "$ver" | sort -V | tail -n1) == "$ver" ]]; then
            best=$k
        fi
    done
    MODROOT=
    KERNEL=$best
}

is_static() { # is_static FILE: no ELF interpreter => statically linked
    local o
    o=$(LC_ALL=C ldd "$1" 2>&1 || true)
    [[ $o == *"not a dynamic executable"* || $o == *"statically linked"* ]]
}

BUSYBOX=
check_prereqs() {
    MISSING_PKGS=(); MISSING_WHAT=()
    command -v qemu-system-x86_64 >/dev/null || need qemu-system-x86_64 qemu-system-x86
    BUSYBOX=
    local b
    for b in /bin/busybox /usr/bin/busybox; do
        if [[ -x $b ]] && is_static "$b"; then BUSYBOX=$b; break; fi
    done
    [[ -n $BUSYBOX ]] || need "a static busybox" busybox-static
    command -v cpio >/dev/null || need cpio cpio
    command -v modinfo >/dev/null || need modinfo kmod
    NEED_KERNEL=0
    if [[ -z $KERNEL ]]; then
        find_kernel
        if [[ -z $KERNEL ]]; then
            NEED_KERNEL=1
            MISSING_WHAT+=("a guest kernel (scripts/guest-kernel.sh --fetch unpacks Debian's into a cache folder)")
        fi
    elif [[ ! -r $KERNEL ]]; then
        die "--kernel $KERNEL: not readable"
    fi
}

check_prereqs
if [[ ${#MISSING_WHAT[@]} -gt 0 && $INSTALL == 1 ]]; then
    if [[ ${#MISSING_PKGS[@]} -gt 0 ]]; then
        log "installing: ${MISSING_PKGS[*]}"
        if [[ $(id -u) != 0 ]]; then log "--install needs root"; exit "$EXIT_MISSING"; fi
        export DEBIAN_FRONTEND=noninteractive
        { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${MISSING_PKGS[@]}"; } >&2 \
            || { log "apt-get install failed"; exit "$EXIT_MISSING"; }
    fi
    if (( NEED_KERNEL )); then
        "$SCRIPT_DIR/guest-kernel.sh" --fetch >/dev/null || exit "$EXIT_MISSING"
    fi
    KERNEL=
    check_prereqs
fi
if [[ ${#MISSING_WHAT[@]} -gt 0 ]]; then
    for w in "${MISSING_WHAT[@]}"; do log "missing: $w"; done
    if [[ ${#MISSING_PKGS[@]} -gt 0 ]]; then
        log "install with: apt-get install --no-install-recommends ${MISSING_PKGS[*]}   (or rerun with --install)"
    fi
    exit "$EXIT_MISSING"
fi
KVER=${KERNEL##*/vmlinuz-}
MODDIR=$MODROOT/lib/modules/$KVER
if [[ ! -d $MODDIR ]]; then
    # --kernel given with an unusual name: fall back to the newest modules tree
    MODDIR=$(find "$MODROOT/lib/modules" -mindepth 1 -maxdepth 1 -type d | sort -V | tail -n1)
    KVER=${MODDIR##*/}
fi

# ---------------------------------------------------------------------------
# Work dir, cleanup
# ---------------------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/numavm.XXXXXX")
chmod 700 "$WORK"
QEMU_PID=
WATCH_PID=
READER_PIDS=()
TEMP_OUT=
# shellcheck disable=SC2317  # invoked via trap
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [[ -n $WATCH_PID ]]; then kill "$WATCH_PID" 2>/dev/null || true; wait "$WATCH_PID" 2>/dev/null || true; fi
    if [[ -n $QEMU_PID ]] && kill -0 "$QEMU_PID" 2>/dev/null; then
        kill "$QEMU_PID" 2>/dev/null || true
        sleep 0.5
        kill -9 "$QEMU_PID" 2>/dev/null || true
        wait "$QEMU_PID" 2>/dev/null || true
    fi
    local p
    for p in "${READER_PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
    rm -rf "$WORK"
    # A temp out dir the command left empty is removed; otherwise say where it is.
    if [[ -n $TEMP_OUT ]]; then
        if rmdir "$TEMP_OUT" 2>/dev/null; then :; else log "guest output kept in $TEMP_OUT"; fi
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT
trap 'log "terminated"; exit 143' TERM

# ---------------------------------------------------------------------------
# Initramfs (cached per kernel version + script hash + busybox)
# ---------------------------------------------------------------------------
CACHE_DIR=${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/numagen-vm
SCRIPT_HASH=$( { cat "${BASH_SOURCE[0]}"; sha256sum "$BUSYBOX"; } | sha256sum | cut -c1-16)
INITRD=$CACHE_DIR/initramfs-$KVER-$SCRIPT_HASH.cpio

# Modules we need, if they are modules (built-ins are skipped by modinfo -n failing
# or reporting "(builtin)"). Dependencies are resolved with modinfo -F depends.
MODINFO=(modinfo -k "$KVER")
if [[ -n $MODROOT ]]; then MODINFO+=(-b "$MODROOT"); fi
WANT_MODULES=(virtio_pci virtio_console 9pnet_virtio 9p)
MOD_ORDER=()
declare -A MOD_SEEN=()
add_module() {
    local m=$1 dep path
    m=${m//-/_}
    [[ -n ${MOD_SEEN[$m]:-} ]] && return 0
    MOD_SEEN[$m]=1
    path=$("${MODINFO[@]}" -n "$m" 2>/dev/null) || { vlog "module $m: not found (assuming built in)"; return 0; }
    [[ $path == /* ]] || return 0   # "(builtin)"
    local deps
    deps=$("${MODINFO[@]}" -F depends "$m" 2>/dev/null || true)
    local IFS=,
    for dep in $deps; do [[ -n $dep ]] && add_module "$dep"; done
    MOD_ORDER+=("$m:$path")
}

write_init() {
    cat <<'INIT'
#!/bin/busybox sh
# numa-vm guest init (generated by scripts/numa-vm.sh)
/bin/busybox mkdir -p /proc /sys /dev /mnt/host /ctl /out
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
msg() { echo "numavm-init: $*" > /dev/console; }
fail() { msg "FATAL: $*"; echo "NUMAVM_EXIT=125" > /dev/console; poweroff -f; sleep 5; echo o > /proc/sysrq-trigger; }
while read -r m; do
    [ -n "$m" ] || continue
    insmod "/lib/modules/$m.ko" 2>/dev/console || msg "insmod $m failed"
done < /modules.order
O9P=trans=virtio,version=9p2000.L,msize=262144
mount -t 9p -o "$O9P,ro,cache=loose" hostroot /mnt/host || fail "cannot mount hostroot"
mount -t 9p -o "$O9P,cache=none" numavm_ctl /ctl || fail "cannot mount control share"
. /ctl/config || fail "no /ctl/config"
R=/mnt/host
mount -t proc proc $R/proc
mount -t sysfs sysfs $R/sys
mount -t devtmpfs devtmpfs $R/dev
# What udev would add: bash's process substitution (<(...)) needs /dev/fd.
ln -s /proc/self/fd $R/dev/fd 2>/dev/null
# No network, but loopback: JMH's forks talk to their runner over 127.0.0.1.
ip link set lo up 2>/dev/null || msg "could not bring up loopback"
mkdir -p $R/dev/pts $R/dev/shm 2>/dev/null
mount -t devpts devpts $R/dev/pts 2>/dev/null
mount -t tmpfs tmpfs $R/dev/shm
# The guest gets a fresh writable /tmp; a working directory below the host's /tmp stays visible (read-only) by
# keeping a bind mount of it aside and moving it back on top of the fresh /tmp.
case "$NUMAVM_CWD" in
    /tmp/*) mkdir -p /keepcwd && mount --bind "$R$NUMAVM_CWD" /keepcwd || fail "cannot keep $NUMAVM_CWD" ;;
esac
mount -t tmpfs -o mode=1777 tmpfs $R/tmp
if [ -d /keepcwd ]; then
    mkdir -p "$R$NUMAVM_CWD" && mount --move /keepcwd "$R$NUMAVM_CWD" || fail "cannot mount $NUMAVM_CWD"
fi
mount -t tmpfs -o mode=755 tmpfs $R/run
mkdir -p $R/run/numavm
mount --bind /ctl $R/run/numavm || fail "cannot bind control share"
if [ -n "$NUMAVM_OUT" ]; then
    mkdir -p "$R$NUMAVM_OUT" 2>/dev/null
    mount -t 9p -o "$O9P,cache=mmap" numavm_out "$R$NUMAVM_OUT" || fail "cannot mount out share at $NUMAVM_OUT"
fi
port() { # port NAME -> /dev/vportXpY
    for p in /sys/class/virtio-ports/*; do
        [ "$(cat "$p/name" 2>/dev/null)" = "$1" ] && { echo "/dev/${p##*/}"; return 0; }
    done
    echo /dev/console
}
OUT=$(port numavm.stdout)
ERR=$(port numavm.stderr)
read -r up _ < /proc/uptime
echo "NUMAVM_READY uptime=$up" > /dev/console
chroot $R /bin/sh /run/numavm/run.sh > "$OUT" 2> "$ERR" < /dev/null
rc=$?
read -r up2 _ < /proc/uptime
echo "$rc" > /ctl/exit
echo "NUMAVM_DONE uptime=$up2" > /dev/console
echo "NUMAVM_EXIT=$rc" > /dev/console
sync
poweroff -f
sleep 5
echo o > /proc/sysrq-trigger
INIT
}

build_initramfs() {
    local root=$WORK/initramfs m path
    add_module_all() { for m in "${WANT_MODULES[@]}"; do add_module "$m"; done; }
    add_module_all
    mkdir -p "$root/bin" "$root/lib/modules" "$root/proc" "$root/sys" "$root/dev" "$root/mnt/host" "$root/ctl"
    cp "$BUSYBOX" "$root/bin/busybox"
    : > "$root/modules.order"
    for m in "${MOD_ORDER[@]}"; do
        path=${m#*:}; m=${m%%:*}
        case $path in
            *.ko) cp "$path" "$root/lib/modules/$m.ko" ;;
            *.ko.xz) xz -dc "$path" > "$root/lib/modules/$m.ko" ;;
            *.ko.zst) zstd -qdc "$path" > "$root/lib/modules/$m.ko" ;;
            *.ko.gz) gzip -dc "$path" > "$root/lib/modules/$m.ko" ;;
            *) log "unknown module format: $path"; exit "$EXIT_MISSING" ;;
        esac
        echo "$m" >> "$root/modules.order"
    done
    write_init > "$root/init"
    chmod 755 "$root/init"
    if ! mkdir -p "$CACHE_DIR" 2>/dev/null || [[ ! -w $CACHE_DIR ]]; then
        log "cache dir $CACHE_DIR not writable; building the initramfs uncached"
        CACHE_DIR=$WORK
        INITRD=$WORK/initramfs.cpio
    fi
    local tmp
    tmp=$(mktemp "$CACHE_DIR/.initramfs.XXXXXX")
    (cd "$root" && find . -print0 | LC_ALL=C sort -z | cpio --null -o -H newc --quiet) > "$tmp"
    mv -f "$tmp" "$INITRD"
    # Drop initramfs images of older script versions that nobody used for a week.
    find "$CACHE_DIR" -maxdepth 1 -name 'initramfs-*.cpio' -mtime +7 -delete 2>/dev/null || true
    vlog "built $INITRD (modules: $(tr '\n' ' ' < "$root/modules.order"))"
}
if [[ ! -s $INITRD ]]; then build_initramfs; else vlog "using cached $INITRD"; fi

# ---------------------------------------------------------------------------
# Control share: config + run script
# ---------------------------------------------------------------------------
CTL=$WORK/ctl
mkdir -p "$CTL"
if [[ -z $OUT_DIR ]]; then
    OUT_DIR=$(mktemp -d "${TMPDIR:-/tmp}/numavm-out.XXXXXX")
    TEMP_OUT=$OUT_DIR
    vlog "writable out dir: $OUT_DIR"
fi
mkdir -p "$OUT_DIR"
OUT_DIR=$(cd "$OUT_DIR" && pwd -P)
GUEST_CWD=$(pwd -P)
printf 'NUMAVM_OUT=%s\nNUMAVM_CWD=%s\n' "$(printf '%q' "$OUT_DIR")" "$(printf '%q' "$GUEST_CWD")" > "$CTL/config"

{
    echo '#!/bin/bash'
    echo '# generated by numa-vm.sh: runs inside the guest, chrooted into the host root'
    # Pass the caller's exported environment through (minus shell bookkeeping).
    while IFS= read -r name; do
        case $name in
            PWD|OLDPWD|SHLVL|_|BASH_*|BASHOPTS|SHELLOPTS|COPROC*|FUNCNAME|DISPLAY|XAUTHORITY|SSH_*|DBUS_*) continue ;;
        esac
        [[ $name =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || continue
        printf 'export %s=%q\n' "$name" "${!name}"
    done < <(compgen -e)
    printf 'export NUMAVM=1 NUMAVM_OUT=%q\n' "$OUT_DIR"
    printf 'cd %q || { echo "numa-vm: cannot cd to %q in the guest" >&2; exit 125; }\n' "$GUEST_CWD" "$GUEST_CWD"
    printf 'exec'
    printf ' %q' "$@"
    printf '\n'
} > "$CTL/run.sh.tmp"
# run.sh is run by the host's /bin/sh in the chroot; make it bash if bash exists.
if [[ -x /bin/bash ]]; then
    printf '#!/bin/sh\nexec /bin/bash /run/numavm/run.bash\n' > "$CTL/run.sh"
    mv "$CTL/run.sh.tmp" "$CTL/run.bash"
else
    mv "$CTL/run.sh.tmp" "$CTL/run.sh"
fi

# ---------------------------------------------------------------------------
# QEMU command line
# ---------------------------------------------------------------------------
TOTAL_NODES=$NODES
(( MEMORYLESS )) && TOTAL_NODES=$((NODES + 1))
NCPUS=$((TOTAL_NODES * CPUS_PER_NODE))
TOTAL_MEM=$((NODES * MEM_PER_NODE))

# Distance between nodes i and j (ACPI SLIT values; 10 = local).
#  2 nodes: 10/21 (typical 2-socket box).
#  >2 nodes: pairs (0,1), (2,3), ... are "same package" 16, others 22.
#  The memoryless node (if any) is 21 (2 nodes) or 22 (more) from every other node.
distance() {
    local i=$1 j=$2
    if (( i == j )); then echo 10; return; fi
    if (( MEMORYLESS && (i == NODES || j == NODES) )); then
        if (( NODES <= 2 )); then echo 21; else echo 22; fi
        return
    fi
    if (( NODES <= 2 )); then echo 21; return; fi
    if (( i / 2 == j / 2 )); then echo 16; else echo 22; fi
}

# Use KVM only when /dev/kvm is usable; otherwise pure TCG (software emulation).
if [[ -c /dev/kvm && -r /dev/kvm && -w /dev/kvm ]]; then
    ACCEL_ARGS=(-accel kvm -accel tcg)   # QEMU falls back to tcg if kvm fails
    ACCEL="kvm (tcg fallback)"
else
    ACCEL_ARGS=(-accel tcg)
    ACCEL=tcg
fi
QEMU_ARGS=(
    -name numavm -nodefaults -no-user-config -no-reboot
    -machine pc "${ACCEL_ARGS[@]}"
    -display none -vga none -monitor none
    -cpu max
    -smp "$NCPUS,sockets=$TOTAL_NODES,cores=$CPUS_PER_NODE,threads=1"
    -m "${TOTAL_MEM}M"
)
for ((n = 0; n < TOTAL_NODES; n++)); do
    if (( n < NODES )); then
        QEMU_ARGS+=(-object "memory-backend-ram,id=mem$n,size=${MEM_PER_NODE}M"
                    -numa "node,nodeid=$n,memdev=mem$n")
    else
        QEMU_ARGS+=(-numa "node,nodeid=$n")     # memoryless: CPUs only
    fi
    QEMU_ARGS+=(-numa "cpu,node-id=$n,socket-id=$n")
done
for ((i = 0; i < TOTAL_NODES; i++)); do
    for ((j = 0; j < TOTAL_NODES; j++)); do
        (( i == j )) && continue
        QEMU_ARGS+=(-numa "dist,src=$i,dst=$j,val=$(distance "$i" "$j")")
    done
done

CONSOLE=$WORK/console.log
MARKERS=$WORK/markers.log
mkfifo "$WORK/stdout.fifo" "$WORK/stderr.fifo" "$WORK/console.fifo"
QEMU_ARGS+=(
    -kernel "$KERNEL" -initrd "$INITRD"
    -append "console=ttyS0 quiet loglevel=3 panic=-1 rdinit=/init mitigations=off tsc=reliable no_timer_check i8042.noaux i8042.nokbd i8042.nopnp"
    -chardev "file,id=ccon,path=$WORK/console.fifo"
    -serial chardev:ccon
    -fsdev "local,id=fshost,path=/,security_model=none,readonly=on,multidevs=remap"
    -device "virtio-9p-pci,fsdev=fshost,mount_tag=hostroot"
    -fsdev "local,id=fsctl,path=$CTL,security_model=none"
    -device "virtio-9p-pci,fsdev=fsctl,mount_tag=numavm_ctl"
    -fsdev "local,id=fsout,path=$OUT_DIR,security_model=none"
    -device "virtio-9p-pci,fsdev=fsout,mount_tag=numavm_out"
    -device "virtio-serial-pci,id=vser0"
    -chardev "file,id=cout,path=$WORK/stdout.fifo"
    -device "virtserialport,bus=vser0.0,chardev=cout,name=numavm.stdout"
    -chardev "file,id=cerr,path=$WORK/stderr.fifo"
    -device "virtserialport,bus=vser0.0,chardev=cerr,name=numavm.stderr"
)

vlog "kernel $KERNEL, accel $ACCEL, $TOTAL_NODES nodes ($NODES with ${MEM_PER_NODE} MiB$( ((MEMORYLESS)) && echo ", node $NODES memoryless")), $NCPUS vCPUs, timeout ${TIMEOUT}s"

# One boot of the guest: readers, QEMU, the timeout watch. Sets START, END and QEMU_RC.
boot_guest() {
    # Readers first: QEMU blocks opening the FIFOs until they have a reader.
    # tee -p with a second output (/dev/null) keeps draining the FIFO after our
    # stdout/stderr goes away (e.g. `numa-vm.sh ... | head -1`); a plain cat would
    # die of SIGPIPE and leave the guest blocked on a full virtio-serial port.
    tee -p /dev/null < "$WORK/stdout.fifo" &
    READER_PIDS+=($!)
    tee -p /dev/null < "$WORK/stderr.fifo" >&2 &
    READER_PIDS+=($!)
    : > "$CONSOLE"
    : > "$MARKERS"
    # Console reader: keeps the raw log and stamps the guest's NUMAVM_* marker lines
    # with the host's clock (the guest clock is unreliable under TCG on a busy host).
    while IFS= read -r line; do
        line=${line%$'\r'}
        printf '%s\n' "$line" >> "$CONSOLE"
        if [[ $line == NUMAVM_* ]]; then printf '%s %s\n' "$EPOCHREALTIME" "$line" >> "$MARKERS"; fi
    done < "$WORK/console.fifo" &
    READER_PIDS+=($!)

    START=$EPOCHREALTIME
    qemu-system-x86_64 "${QEMU_ARGS[@]}" </dev/null >"$WORK/qemu.log" 2>&1 &
    QEMU_PID=$!
    (
        sleep "$TIMEOUT"
        : > "$WORK/timed-out"
        kill "$QEMU_PID" 2>/dev/null
        sleep 2
        kill -9 "$QEMU_PID" 2>/dev/null
    ) </dev/null >/dev/null 2>&1 &
    WATCH_PID=$!

    QEMU_RC=0
    wait "$QEMU_PID" || QEMU_RC=$?
    QEMU_PID=
    END=$EPOCHREALTIME
    kill "$WATCH_PID" 2>/dev/null || true
    wait "$WATCH_PID" 2>/dev/null || true
    WATCH_PID=
    # Let the readers drain what QEMU wrote (they see EOF once QEMU has exited).
    for p in "${READER_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
    READER_PIDS=()
}

# TCG's multi-threaded mode now and then crashes QEMU itself (seen: SIGSEGV 7 s into a 4-node boot, empty
# console) before the guest runs anything: that is the emulator failing, not the code under test, so such a
# crash gets one more boot, said on stderr. A crash once the command has started is reported as it is.
boot_guest
if [[ ! -e $WORK/timed-out ]] && ((QEMU_RC >= 128)) && ! grep -q NUMAVM_READY "$MARKERS"; then
    log "QEMU crashed (status $QEMU_RC) before the guest command started; booting once more"
    boot_guest
fi

if [[ -n $CONSOLE_COPY ]]; then cp "$CONSOLE" "$CONSOLE_COPY"; fi

show_console_tail() {
    log "---- last lines of the guest console ----"
    tail -n 40 "$CONSOLE" >&2 2>/dev/null || true
    if [[ -s $WORK/qemu.log ]]; then log "---- qemu ----"; cat "$WORK/qemu.log" >&2; fi
}

if [[ -e $WORK/timed-out ]]; then
    log "TIMEOUT: the guest did not finish within ${TIMEOUT}s; QEMU killed"
    show_console_tail
    exit "$EXIT_TIMEOUT"
fi

RC=
if [[ -s $CTL/exit ]]; then
    RC=$(tr -dc '0-9' < "$CTL/exit")
fi
if [[ -z $RC ]]; then
    RC=$(sed -n 's/^NUMAVM_EXIT=\([0-9][0-9]*\)$/\1/p' "$CONSOLE" | tail -n1)
fi
if [[ $VERBOSE == 1 ]]; then
    ready=$(awk '$2 ~ /^NUMAVM_READY/ { print $1; exit }' "$MARKERS")
    done_=$(awk '$2 ~ /^NUMAVM_DONE/ { print $1; exit }' "$MARKERS")
    vlog "$(awk -v s="$START" -v e="$END" -v r="${ready:-$END}" -v d="${done_:-$END}" \
        'BEGIN { printf "timings (host clock): total %.1fs = boot to command %.1fs + command %.1fs + poweroff %.1fs", e - s, r - s, d - r, e - d }')"
fi
if [[ -z $RC ]]; then
    log "the VM exited (qemu status $QEMU_RC) without reporting the command's exit status"
    show_console_tail
    exit "$EXIT_VMFAIL"
fi
exit "$RC"
