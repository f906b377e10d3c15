package io.numagen.metrics;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine facts that decide what a page fault costs, read under a root ({@code /} normally, a crafted tree in
 * tests): whether a hypervisor is underneath (then a fault may also be served by the host), whether the virtio balloon
 * hands freed pages back to the host (free page reporting, its order and the device's features), whether DAMON is
 * reclaiming or monitoring in the kernel, and the CPUs the process may run on. A fact that cannot be read is absent
 * from {@link #facts()} and named in {@link #unavailable()} with the reason, never given as 0 or false.
 */
public final class FaultCostFacts {
    /** virtio-balloon feature bits (VIRTIO_BALLOON_F_*, include/uapi/linux/virtio_balloon.h) and VIRTIO_F_VERSION_1. */
    private static final Map<Integer, String> BALLOON_FEATURES = Map.of(
            0, "MUST_TELL_HOST", 1, "STATS_VQ", 2, "DEFLATE_ON_OOM", 3, "FREE_PAGE_HINT", 4, "PAGE_POISON",
            5, "REPORTING", 32, "VERSION_1");

    private final Map<String, Object> facts = new LinkedHashMap<>();
    private final Map<String, String> unavailable = new LinkedHashMap<>();

    private FaultCostFacts() {
    }

    /**
     * Reads the facts under {@code root}; {@code affinity} is the CPUs the calling thread may run on
     * (sched_getaffinity), or null with {@code affinityUnavailable} saying why.
     */
    public static FaultCostFacts collect(Path root, List<Integer> affinity, String affinityUnavailable) {
        FaultCostFacts f = new FaultCostFacts();
        f.hypervisor(root);
        f.pageReporting(root);
        f.balloon(root);
        f.damon(root);
        if (affinity != null) {
            f.facts.put("effectiveAffinity", affinity);
        } else {
            f.unavailable.put("effectiveAffinity", affinityUnavailable);
        }
        return f;
    }

    /** Fact name to value (JSON-ready). */
    public Map<String, Object> facts() {
        return facts;
    }

    /** Fact name to why it could not be read. */
    public Map<String, String> unavailable() {
        return unavailable;
    }

    /** True or false when known whether a hypervisor is underneath, null when it cannot be told. */
    public Boolean virtualised() {
        return (Boolean) facts.get("virtualised");
    }

    /** The JSON-ready form: the facts plus an {@code unavailable} map of reasons. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>(facts);
        m.put("unavailable", unavailable);
        return m;
    }

    private void hypervisor(Path root) {
        String cpuinfo = MachineInfo.read(root.resolve("proc/cpuinfo"));
        String xen = text(root.resolve("sys/hypervisor/type"));
        String vendor = text(root.resolve("sys/class/dmi/id/sys_vendor"));
        String product = text(root.resolve("sys/class/dmi/id/product_name"));
        Boolean flag = cpuinfo == null ? null : hasCpuFlag(cpuinfo, "hypervisor");
        if (flag != null) {
            facts.put("virtualised", flag || xen != null);
            facts.put("virtualisedEvidence", flag ? "cpuinfo flag 'hypervisor'"
                    : xen != null ? "/sys/hypervisor/type" : "cpuinfo flags without 'hypervisor'");
        } else if (xen != null) {
            facts.put("virtualised", true);
            facts.put("virtualisedEvidence", "/sys/hypervisor/type");
        } else {
            unavailable.put("virtualised", cpuinfo == null ? "no /proc/cpuinfo"
                    : "/proc/cpuinfo has no flags line (not x86) and there is no /sys/hypervisor/type");
        }
        if (xen != null) {
            facts.put("hypervisorType", xen);
        }
        if (vendor != null || product != null) {
            facts.put("dmiSystem", ((vendor == null ? "" : vendor) + " " + (product == null ? "" : product)).trim());
        } else {
            unavailable.put("dmiSystem", "no /sys/class/dmi/id (no DMI tables exposed to this system)");
        }
    }

    /** Null when cpuinfo has no "flags" line (arm64 says "Features"), else whether {@code flag} is among them. */
    static Boolean hasCpuFlag(String cpuinfo, String flag) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("flags")) {
                for (String f : line.substring(colon + 1).trim().split("\\s+")) {
                    if (f.equals(flag)) {
                        return true;
                    }
                }
                return false;
            }
        }
        return null;
    }

    private void pageReporting(Path root) {
        String order = text(root.resolve("sys/module/page_reporting/parameters/page_reporting_order"));
        if (order == null) {
            unavailable.put("pageReportingOrder", "no /sys/module/page_reporting/parameters/page_reporting_order "
                    + "(kernel without free page reporting)");
            return;
        }
        try {
            facts.put("pageReportingOrder", Integer.parseInt(order));
        } catch (NumberFormatException e) {
            unavailable.put("pageReportingOrder", "page_reporting_order is not a number: '" + order + "'");
        }
    }

    private void balloon(Path root) {
        Path driver = root.resolve("sys/bus/virtio/drivers/virtio_balloon");
        List<String> devices = new ArrayList<>();
        for (Path device : children(driver, "virtio")) {
            String bits = text(device.resolve("features"));
            if (bits != null) {
                devices.add(device.getFileName() + ": " + String.join(",", balloonFeatures(bits)));
            }
        }
        if (devices.isEmpty()) {
            unavailable.put("balloonFeatures", "no virtio_balloon device with a features file under " + driver
                    + " (no balloon, or not a virtio VM)");
        } else {
            facts.put("balloonFeatures", devices);
        }
    }

    /** Feature names of a virtio {@code features} bit string (character i is bit i); unknown set bits as "bitN". */
    static List<String> balloonFeatures(String bits) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < bits.length(); i++) {
            if (bits.charAt(i) == '1') {
                names.add(BALLOON_FEATURES.getOrDefault(i, "bit" + i));
            }
        }
        return names;
    }

    private void damon(Path root) {
        Path admin = root.resolve("sys/kernel/mm/damon/admin/kdamonds");
        List<String> daemons = new ArrayList<>();
        for (Path kdamond : children(admin, "")) {
            String state = text(kdamond.resolve("state"));
            if (state == null) {
                continue;
            }
            List<String> ops = new ArrayList<>();
            for (Path context : children(kdamond.resolve("contexts"), "")) {
                String op = text(context.resolve("operations"));
                if (op != null) {
                    ops.add(op);
                }
            }
            daemons.add("kdamond " + kdamond.getFileName() + ": " + state
                    + (ops.isEmpty() ? "" : " (" + String.join(",", ops) + ")"));
        }
        for (String module : new String[] {"damon_reclaim", "damon_lru_sort"}) {
            String enabled = text(root.resolve("sys/module/" + module + "/parameters/enabled"));
            if (enabled != null) {
                daemons.add(module + ": enabled=" + enabled);
            }
        }
        if (daemons.isEmpty()) {
            unavailable.put("damon", "no kdamond under " + admin + " and no damon_reclaim/damon_lru_sort module "
                    + "(kernel without DAMON, or DAMON not set up)");
        } else {
            facts.put("damon", daemons);
            facts.put("damonRunning", daemons.stream().anyMatch(d -> d.contains(": on") || d.endsWith("=Y")));
        }
    }

    /** Subdirectories of {@code dir} whose names start with {@code prefix}, sorted; none if it cannot be listed. */
    private static List<Path> children(Path dir, String prefix) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (Files.isDirectory(p) && p.getFileName().toString().startsWith(prefix)) {
                    out.add(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        out.sort(null);
        return out;
    }

    /** A file's trimmed text, or null if it cannot be read. */
    private static String text(Path p) {
        return MachineInfo.trimmed(MachineInfo.read(p));
    }
}
