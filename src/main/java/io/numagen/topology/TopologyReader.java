package io.numagen.topology;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@link Topology} from Linux sysfs and procfs under a root directory: {@code /} for this machine, or a
 * directory holding a dump of another machine's files (as hwloc's test fixtures do).
 *
 * <p>Missing files are normal (offline CPUs have no topology directory, containers hide kernel settings, machines
 * without NUMA have no node directory) and leave the matching value unknown; malformed files are an
 * {@link IllegalArgumentException} naming the file and its content. What it does on odd machines:
 * <ul>
 *   <li>no {@code node} directory: one implicit node 0 holding every online CPU, its memory from /proc/meminfo;</li>
 *   <li>node CPUs from {@code cpulist}, else the {@code cpumap} mask (old kernels); CPU-less and memoryless nodes
 *       are kept as such;</li>
 *   <li>a node whose CPUs overlap an earlier node's while the distance table does not tell the two apart (buggy
 *       firmware listing every CPU in every node) is dropped, as hwloc does; overlapping nodes the table does tell
 *       apart (heterogeneous memory) are kept, and a CPU's home is the smallest node holding it;</li>
 *   <li>a missing or short {@code distance} file makes all distances unknown;</li>
 *   <li>no {@code cpu/online}: every {@code cpuN} directory counts as online;</li>
 *   <li>allowed CPUs and memory nodes: the intersection of /proc/self/status and the cgroup v2 / v1 cpuset files
 *       that exist, limited to online CPUs and known nodes; with none of them, everything is allowed.</li>
 * </ul>
 * Every workaround is recorded in {@link Topology#notes()}.
 */
public final class TopologyReader {

    private static final String CPU_DIR = "sys/devices/system/cpu";
    private static final String NODE_DIR = "sys/devices/system/node";
    private static final String THP_DIR = "sys/kernel/mm/transparent_hugepage";

    private final List<String> notes = new ArrayList<>();
    private final SysFiles files;

    private TopologyReader(Path root) {
        this.files = new SysFiles(root, notes);
    }

    /** Reads the live machine. */
    public static Topology read() {
        return read(Path.of("/"));
    }

    /**
     * @throws IllegalArgumentException if root is not a directory or a file in it is malformed
     */
    public static Topology read(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("sysfs root " + root + " is not a directory");
        }
        return new TopologyReader(root).read(root.toString());
    }

    private Topology read(String rootName) {
        TreeSet<Integer> cpuDirs = files.numberedEntries(CPU_DIR, "cpu");
        List<NumaNode> found = readNodes();
        CpuSet online = files.list(CPU_DIR + "/online").orElseGet(() -> onlineWithoutList(cpuDirs, found));
        CpuSet possible = files.list(CPU_DIR + "/possible").orElse(online);
        CpuSet offline = files.list(CPU_DIR + "/offline").orElse(possible.minus(online));

        List<NumaNode> nodes;
        NodeDistances distances;
        if (found.isEmpty()) {
            notes.add("no NUMA nodes in /" + NODE_DIR + ": one implicit node 0 holds all online CPUs");
            nodes = List.of(implicitNode(online));
            distances = NodeDistances.UNKNOWN;
        } else {
            NodeDistances all = readDistances(found);
            nodes = dropDuplicateNodes(found, all);
            distances = all.restrictTo(nodes.stream().mapToInt(NumaNode::id).toArray());
        }

        AllowedReader.Allowed allowed = AllowedReader.read(files);
        CpuSet allowedCpus = allowed.cpus() == null ? online : allowed.cpus().intersect(online);
        CpuSet nodeIds = CpuSet.of(nodes.stream().mapToInt(NumaNode::id).toArray());
        CpuSet allowedMems = allowed.memoryNodes() == null ? nodeIds : allowed.memoryNodes().intersect(nodeIds);
        if (allowedCpus.isEmpty()) {
            notes.add("no online CPU is allowed to this process");
        }
        return new Topology(rootName, nodes, distances, online, offline, possible, allowedCpus, allowedMems,
                allowed.sources(), readCpus(cpuDirs), readKernelSettings(), notes);
    }

    /** Old or trimmed sysfs without cpu/online: the cpuN directories, else the nodes' CPUs. */
    private CpuSet onlineWithoutList(TreeSet<Integer> cpuDirs, List<NumaNode> nodes) {
        notes.add("no /" + CPU_DIR + "/online: taking every CPU directory as online");
        if (!cpuDirs.isEmpty()) {
            return CpuSet.of(cpuDirs.stream().mapToInt(Integer::intValue).toArray());
        }
        return nodes.stream().map(NumaNode::cpus).reduce(CpuSet.empty(), CpuSet::union);
    }

    private List<NumaNode> readNodes() {
        TreeSet<Integer> ids = files.numberedEntries(NODE_DIR, "node");
        Optional<CpuSet> onlineNodes = files.list(NODE_DIR + "/online");
        Optional<CpuSet> withMemory = files.list(NODE_DIR + "/has_memory");
        List<NumaNode> nodes = new ArrayList<>();
        for (int id : ids) {
            if (onlineNodes.isPresent() && !onlineNodes.get().contains(id)) {
                notes.add("node " + id + " has a directory but is not online: skipped");
                continue;
            }
            String dir = NODE_DIR + "/node" + id;
            // The node's own cpulist, not node/has_cpu: buggy dumps leave has_cpu empty while cpulist is right.
            CpuSet cpus = files.list(dir + "/cpulist").or(() -> files.mask(dir + "/cpumap")).orElse(CpuSet.empty());
            Map<String, Long> mem = memInfo(dir + "/meminfo");
            long total = mem.getOrDefault("MemTotal", NumaNode.UNKNOWN);
            long free = mem.getOrDefault("MemFree", NumaNode.UNKNOWN);
            boolean hasMemory = total != NumaNode.UNKNOWN ? total > 0 : withMemory.map(s -> s.contains(id)).orElse(true);
            nodes.add(new NumaNode(id, cpus, total, free, hasMemory));
        }
        return nodes;
    }

    private NumaNode implicitNode(CpuSet online) {
        Map<String, Long> mem = memInfo("proc/meminfo");
        long total = mem.getOrDefault("MemTotal", NumaNode.UNKNOWN);
        return new NumaNode(0, online, total, mem.getOrDefault("MemFree", NumaNode.UNKNOWN), total != 0);
    }

    /**
     * MemTotal and MemFree in bytes from a meminfo file: {@code MemTotal: N kB} in /proc/meminfo,
     * {@code Node 0 MemTotal: N kB} in a node's. Other lines are not checked.
     */
    private Map<String, Long> memInfo(String file) {
        Map<String, Long> out = new HashMap<>();
        files.text(file).ifPresent(text -> text.lines().forEach(line -> {
            int colon = line.indexOf(':');
            if (colon < 0) {
                return;
            }
            String[] keyWords = line.substring(0, colon).strip().split("\\s+");
            String key = keyWords[keyWords.length - 1];
            if (key.equals("MemTotal") || key.equals("MemFree")) {
                String value = line.substring(colon + 1).strip();
                if (!value.matches("[0-9]{1,15} kB")) {
                    throw new IllegalArgumentException("expected '<number> kB' for " + key + " in "
                            + files.name(file) + ", got '" + value + "'");
                }
                out.put(key, Long.parseLong(value.substring(0, value.length() - 3)) * 1024);
            }
        }));
        return out;
    }

    /**
     * Each node's distance file lists its distance to every online node in ascending id order. A missing file or a
     * row of the wrong length makes the whole table unknown (the kernel writes all rows or none).
     */
    private NodeDistances readDistances(List<NumaNode> nodes) {
        int[] ids = nodes.stream().mapToInt(NumaNode::id).toArray();
        int[][] rows = new int[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            String file = NODE_DIR + "/node" + ids[i] + "/distance";
            Optional<String> text = files.text(file);
            if (text.isEmpty()) {
                notes.add("no " + files.name(file) + ": node distances unknown");
                return NodeDistances.UNKNOWN;
            }
            rows[i] = parseDistances(text.get(), file);
            if (rows[i].length != ids.length) {
                notes.add(files.name(file) + " has " + rows[i].length + " entries for " + ids.length
                        + " nodes: node distances unknown");
                return NodeDistances.UNKNOWN;
            }
        }
        return new NodeDistances(ids, rows);
    }

    private int[] parseDistances(String text, String file) {
        String clean = text.replace('\0', ' ').strip();
        if (!clean.matches("[0-9]{1,9}( +[0-9]{1,9})*")) {
            throw new IllegalArgumentException("expected distances like '10 20' in " + files.name(file) + ", got '"
                    + clean + "'");
        }
        return Arrays.stream(clean.split(" +")).mapToInt(Integer::parseInt).toArray();
    }

    /**
     * Drops nodes that repeat the CPUs of an earlier node without being farther from it: firmware that lists the
     * same CPUs in every node with all distances equal (hwloc ignores such nodes too). Nodes whose CPUs overlap but
     * that the distance table tells apart are kept: heterogeneous memory (HBM, CXL) spans ordinary nodes' CPUs.
     */
    private List<NumaNode> dropDuplicateNodes(List<NumaNode> nodes, NodeDistances d) {
        List<NumaNode> kept = new ArrayList<>();
        for (NumaNode n : nodes) {
            Optional<NumaNode> twin = kept.stream()
                    .filter(k -> k.cpus().intersects(n.cpus()) && !toldApart(k.id(), n.id(), d))
                    .findFirst();
            if (twin.isPresent()) {
                notes.add("node " + n.id() + " dropped: its CPUs " + n.cpus() + " overlap node " + twin.get().id()
                        + " and the distance table does not tell them apart (buggy firmware NUMA table)");
            } else {
                kept.add(n);
            }
        }
        return kept;
    }

    private static boolean toldApart(int a, int b, NodeDistances d) {
        return d.known() && d.distance(a, b) > d.distance(a, a) && d.distance(b, a) > d.distance(b, b);
    }

    private List<LogicalCpu> readCpus(TreeSet<Integer> ids) {
        List<LogicalCpu> cpus = new ArrayList<>();
        for (int id : ids) {
            String dir = CPU_DIR + "/cpu" + id + "/topology";
            if (!files.isDirectory(dir)) {
                continue;
            }
            cpus.add(new LogicalCpu(id,
                    files.number(dir + "/physical_package_id").map(Long::intValue).orElse(-1),
                    files.number(dir + "/core_id").map(Long::intValue).orElse(-1),
                    siblings(dir, "thread_siblings"),
                    siblings(dir, "core_siblings")));
        }
        return cpus;
    }

    private CpuSet siblings(String dir, String name) {
        return files.list(dir + "/" + name + "_list").or(() -> files.mask(dir + "/" + name)).orElse(CpuSet.empty());
    }

    private KernelSettings readKernelSettings() {
        String thpFile = THP_DIR + "/enabled";
        String thp = files.text(thpFile).map(t -> bracketedChoice(t, thpFile)).orElse(null);
        Long pageSize = files.number(THP_DIR + "/hpage_pmd_size").orElse(null);
        Integer balancing = files.number("proc/sys/kernel/numa_balancing").map(Long::intValue).orElse(null);
        return new KernelSettings(thp, pageSize, balancing);
    }

    /** The selected word of a sysfs choice file: {@code always [madvise] never} gives {@code madvise}. */
    private String bracketedChoice(String text, String file) {
        Matcher m = Pattern.compile("\\[([a-z_]+)]").matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("no [selected] mode in " + files.name(file) + ": '" + text.strip()
                    + "'");
        }
        return m.group(1);
    }
}
