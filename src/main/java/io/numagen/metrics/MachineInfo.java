package io.numagen.metrics;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a benchmark result depends on besides the code: CPU, NUMA layout, the CPUs and nodes this process may use,
 * kernel NUMA/THP settings and the JVM's flags. {@link #collect} reads {@code /proc} and {@code /sys} under a root
 * directory ({@code /} normally, a crafted tree in tests); missing files become absent keys, never guesses.
 */
public final class MachineInfo {
    private static final Pattern NODE_DIR = Pattern.compile("node(\\d+)");
    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\]]+)\\]");

    private MachineInfo() {
    }

    /** The machine and process facts under {@code root}, as a JSON-ready ordered map. */
    public static Map<String, Object> collect(Path root) {
        Map<String, Object> m = new LinkedHashMap<>();
        String cpuinfo = read(root.resolve("proc/cpuinfo"));
        if (cpuinfo != null) {
            putIfNotNull(m, "cpuModel", cpuModel(cpuinfo));
            m.put("logicalCpus", countProcessors(cpuinfo));
        }
        putIfNotNull(m, "kernel", trimmed(read(root.resolve("proc/sys/kernel/osrelease"))));
        Path nodeDir = root.resolve("sys/devices/system/node");
        putIfNotNull(m, "onlineNodes", trimmed(read(nodeDir.resolve("online"))));
        List<Map<String, Object>> nodes = nodes(nodeDir);
        if (!nodes.isEmpty()) {
            m.put("nodes", nodes);
        }
        String status = read(root.resolve("proc/self/status"));
        if (status != null) {
            putIfNotNull(m, "cpusAllowed", statusField(status, "Cpus_allowed_list"));
            putIfNotNull(m, "memsAllowed", statusField(status, "Mems_allowed_list"));
        }
        putIfNotNull(m, "numaBalancing", trimmed(read(root.resolve("proc/sys/kernel/numa_balancing"))));
        putIfNotNull(m, "thpEnabled", bracketed(read(root.resolve("sys/kernel/mm/transparent_hugepage/enabled"))));
        putIfNotNull(m, "thpDefrag", bracketed(read(root.resolve("sys/kernel/mm/transparent_hugepage/defrag"))));
        putIfNotNull(m, "perfEventParanoid", trimmed(read(root.resolve("proc/sys/kernel/perf_event_paranoid"))));
        return m;
    }

    /** Facts about the running JVM: version, input arguments, NUMA/pre-touch flags, collectors. */
    public static Map<String, Object> jvm() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", System.getProperty("java.version"));
        m.put("vmName", System.getProperty("java.vm.name"));
        m.put("vmVendor", System.getProperty("java.vm.vendor"));
        m.put("vmVersion", System.getProperty("java.vm.version"));
        m.put("feature", Runtime.version().feature());
        m.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        m.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        try {
            m.put("inputArguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
        } catch (RuntimeException e) {
            m.put("inputArguments", "unavailable: " + e);
        }
        for (String flag : new String[] {"UseNUMA", "AlwaysPreTouch", "UseTransparentHugePages", "UseLargePages"}) {
            putIfNotNull(m, flag, vmOption(flag));
        }
        List<String> gcs = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs.add(gc.getName());
        }
        m.put("garbageCollectors", gcs);
        return m;
    }

    /** A HotSpot -XX flag's current value, or null off HotSpot. */
    public static String vmOption(String name) {
        try {
            com.sun.management.HotSpotDiagnosticMXBean hs =
                    ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return hs == null ? null : hs.getVMOption(name).getValue();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    static List<Map<String, Object>> nodes(Path nodeDir) {
        Map<Integer, Map<String, Object>> byId = new TreeMap<>();
        if (!Files.isDirectory(nodeDir)) {
            return List.of();
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(nodeDir)) {
            for (Path dir : dirs) {
                Matcher mm = NODE_DIR.matcher(dir.getFileName().toString());
                if (!mm.matches()) {
                    continue;
                }
                int id = Integer.parseInt(mm.group(1));
                Map<String, Object> node = new LinkedHashMap<>();
                node.put("id", id);
                String cpus = trimmed(read(dir.resolve("cpulist")));
                putIfNotNull(node, "cpus", cpus);
                String distance = trimmed(read(dir.resolve("distance")));
                if (distance != null && !distance.isEmpty()) {
                    List<Integer> d = new ArrayList<>();
                    for (String s : distance.split("\\s+")) {
                        d.add(Integer.parseInt(s));
                    }
                    node.put("distances", d);
                }
                byId.put(id, node);
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return new ArrayList<>(byId.values());
    }

    /** The first "model name" (x86) or "Model"/"CPU part" style line's value, else null. */
    static String cpuModel(String cpuinfo) {
        for (String key : new String[] {"model name", "Model", "cpu model", "CPU part"}) {
            for (String line : cpuinfo.split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    return line.substring(colon + 1).trim();
                }
            }
        }
        return null;
    }

    static int countProcessors(String cpuinfo) {
        int n = 0;
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("processor")) {
                n++;
            }
        }
        return n;
    }

    static String statusField(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).trim();
            }
        }
        return null;
    }

    /** "always [madvise] never" gives "madvise". */
    static String bracketed(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = BRACKETED.matcher(text);
        return m.find() ? m.group(1) : text.trim();
    }

    /**
     * How many ids a kernel list such as {@code 0-3,8,10-11} names.
     *
     * @throws IllegalArgumentException if it is not such a list
     */
    public static int countList(String list) {
        int n = 0;
        String t = list.trim();
        if (t.isEmpty()) {
            return 0;
        }
        for (String part : t.split(",")) {
            String[] ends = part.trim().split("-");
            try {
                if (ends.length == 1) {
                    Integer.parseInt(ends[0]);
                    n++;
                } else if (ends.length == 2) {
                    n += Integer.parseInt(ends[1]) - Integer.parseInt(ends[0]) + 1;
                } else {
                    throw new NumberFormatException(part);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a CPU/node list: '" + list + "'");
            }
        }
        return n;
    }

    static String read(Path p) {
        try {
            return Files.isReadable(p) ? Files.readString(p) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static String trimmed(String s) {
        return s == null ? null : s.trim();
    }

    private static void putIfNotNull(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
