package io.numagen.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Finds the CPUs and memory nodes this process may use. Each source that exists narrows the sets: the process's
 * affinity and mems policy ({@code /proc/self/status}), its cgroup v2 cpuset ({@code cpuset.cpus.effective}) and
 * its cgroup v1 cpuset (path from {@code /proc/self/cpuset}, mount point from {@code /proc/mounts}).
 */
final class AllowedReader {

    /**
     * What the sources allow; a set is null when no source spoke about it.
     *
     * @param sources the files read, for the printout
     */
    record Allowed(CpuSet cpus, CpuSet memoryNodes, List<String> sources) {
    }

    private final SysFiles files;
    private final List<Mount> mounts;
    private final List<String> sources = new ArrayList<>();
    private CpuSet cpus;
    private CpuSet mems;

    private AllowedReader(SysFiles files) {
        this.files = files;
        this.mounts = files.text("proc/mounts").map(Mount::parseAll).orElse(List.of());
    }

    static Allowed read(SysFiles files) {
        AllowedReader r = new AllowedReader(files);
        r.readStatus();
        r.readCgroupV2();
        r.readCgroupV1();
        return new Allowed(r.cpus, r.mems, r.sources);
    }

    private void readStatus() {
        String file = "proc/self/status";
        Optional<String> status = files.text(file);
        if (status.isEmpty()) {
            return;
        }
        String name = files.name(file);
        statusSet(status.get(), name, "Cpus_allowed").ifPresent(s -> narrowCpus(s, name));
        statusSet(status.get(), name, "Mems_allowed").ifPresent(s -> narrowMems(s, name));
    }

    /** {@code KEY_list:} (a cpulist), else the older {@code KEY:} (a mask). */
    private static Optional<CpuSet> statusSet(String status, String name, String key) {
        return statusField(status, key + "_list").map(v -> CpuSet.parseList(v, name + " " + key + "_list"))
                .or(() -> statusField(status, key).map(v -> CpuSet.parseMask(v, name + " " + key)));
    }

    private static Optional<String> statusField(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key + ":")) {
                return Optional.of(line.substring(key.length() + 1));
            }
        }
        return Optional.empty();
    }

    /** cgroup v2: the unified hierarchy's line {@code 0::/path} in /proc/self/cgroup. */
    private void readCgroupV2() {
        Optional<String> path = cgroupLine(fields -> fields[0].equals("0") && fields[1].isEmpty());
        Optional<Mount> mount = mounts.stream().filter(m -> m.type().equals("cgroup2")).findFirst();
        if (path.isPresent() && mount.isPresent()) {
            String dir = join(mount.get().point(), path.get());
            readCpusetFiles(dir, List.of("cpuset.cpus.effective"), List.of("cpuset.mems.effective"), "cgroup v2");
        }
    }

    /**
     * cgroup v1: a {@code cpuset} file system or a {@code cgroup} one with the cpuset controller; with the
     * {@code noprefix} option (and on the old cpuset fs) its files lack the {@code cpuset.} prefix.
     */
    private void readCgroupV1() {
        Optional<String> path = files.text("proc/self/cpuset").map(String::strip).filter(p -> !p.isEmpty())
                .or(() -> cgroupLine(fields -> List.of(fields[1].split(",")).contains("cpuset")));
        Optional<Mount> mount = mounts.stream().filter(Mount::isCpusetV1).findFirst();
        if (path.isPresent() && mount.isPresent()) {
            String dir = join(mount.get().point(), path.get());
            readCpusetFiles(dir, List.of("cpuset.effective_cpus", "effective_cpus", "cpuset.cpus", "cpus"),
                    List.of("cpuset.effective_mems", "effective_mems", "cpuset.mems", "mems"), "cgroup v1 cpuset");
        }
    }

    /** The path of the first /proc/self/cgroup line ({@code id:controllers:path}) whose fields match. */
    private Optional<String> cgroupLine(Predicate<String[]> matches) {
        return files.text("proc/self/cgroup").flatMap(text -> text.lines()
                .map(line -> line.split(":", 3))
                .filter(f -> f.length == 3 && matches.test(f))
                .map(f -> f[2].strip())
                .findFirst());
    }

    private void readCpusetFiles(String dir, List<String> cpuNames, List<String> memNames, String kind) {
        firstList(dir, cpuNames).ifPresent(f -> narrowCpus(f.set(), files.name(f.file()) + " (" + kind + ")"));
        firstList(dir, memNames).ifPresent(f -> narrowMems(f.set(), files.name(f.file()) + " (" + kind + ")"));
    }

    /** A set and the file it was read from. */
    private record ListFile(String file, CpuSet set) {
    }

    /** The first of the named files in dir that exists, read as a cpulist. */
    private Optional<ListFile> firstList(String dir, List<String> names) {
        return names.stream().map(n -> join(dir, n))
                .flatMap(f -> files.list(f).map(s -> new ListFile(f, s)).stream())
                .findFirst();
    }

    /** A path relative to the reader's root from absolute pieces. */
    private static String join(String absolute, String child) {
        String joined = (absolute + "/" + child).replaceAll("/+", "/");
        return joined.replaceAll("^/|/$", "");
    }

    private void narrowCpus(CpuSet s, String source) {
        cpus = cpus == null ? s : cpus.intersect(s);
        addSource(source);
    }

    private void narrowMems(CpuSet s, String source) {
        mems = mems == null ? s : mems.intersect(s);
        addSource(source);
    }

    private void addSource(String source) {
        if (!sources.contains(source)) {
            sources.add(source);
        }
    }

    /** One line of /proc/mounts. */
    private record Mount(String point, String type, List<String> options) {

        static List<Mount> parseAll(String text) {
            return text.lines().map(l -> l.strip().split("\\s+")).filter(f -> f.length >= 4)
                    .map(f -> new Mount(unescape(f[1]), f[2], List.of(f[3].split(",")))).toList();
        }

        boolean isCpusetV1() {
            return type.equals("cpuset") || (type.equals("cgroup") && options.contains("cpuset"));
        }

        /** /proc/mounts writes space, tab, newline and backslash in paths as octal escapes (\040). */
        private static String unescape(String s) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                    i += 3;
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
    }
}
