package io.numagen.analysis;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Where the numbers come from: per result folder the git commit, preset and arguments of the run, the JDK, kernel,
 * THP and numa_balancing settings, numactl and the policies the cells ran under. Absent facts say so.
 */
final class Provenance {

    /** Shown name and field of manifest.json. */
    private static final String[][] MANIFEST = {{"git commit", "git"}, {"preset", "preset"}, {"NUMA modes", "modes"},
        {"JMH arguments", "jmhArgs"}, {"extra arguments", "extraArgs"}};
    /** Shown name and field of machine.json. */
    private static final String[][] MACHINE = {{"JDK", "jvm"}, {"kernel", "kernel"}, {"CPU", "cpuModel"},
        {"CPUs", "cpus"}, {"transparent huge pages", "transparentHugepages"}, {"THP defrag", "thpDefrag"},
        {"numa_balancing", "numaBalancing"}, {"numactl", "numactl"}};

    private Provenance() {
    }

    static void append(StringBuilder b, List<ResultLoader.Folder> folders) {
        b.append("## Provenance\n\n");
        for (ResultLoader.Folder f : folders) {
            JsonObject man = f.manifest();
            JsonObject mach = f.machine();
            b.append("**").append(Report.md(f.host())).append("** (`").append(f.dir()).append("`)\n\n");
            for (String[] field : MANIFEST) {
                line(b, field[0], man, field[1]);
            }
            for (String[] field : MACHINE) {
                line(b, field[0], mach, field[1]);
            }
            Set<String> policies = new LinkedHashSet<>();
            f.cells().forEach(c -> policies.add(c.binding() + ": "
                    + (c.numactl().isEmpty() ? "no numactl" : "numactl " + String.join(" ", c.numactl()))));
            b.append("- **numactl policy per binding**: ").append(Report.md(String.join("; ", policies)))
                    .append('\n');
            if (man != null && man.has("notPlanned") && man.get("notPlanned").isJsonArray()) {
                b.append("- **bindings not planned**: ").append(Report.md(text(man.get("notPlanned")))).append('\n');
            }
            b.append('\n');
        }
    }

    private static void line(StringBuilder b, String name, JsonObject o, String field) {
        JsonElement e = o == null ? null : o.get(field);
        String v = e == null || e.isJsonNull() ? "not recorded" : text(e);
        b.append("- **").append(name).append("**: ").append(Report.md(Plots.shorten(v, 600))).append('\n');
    }

    private static String text(JsonElement e) {
        if (e.isJsonPrimitive()) {
            return e.getAsString();
        }
        if (e.isJsonArray()) {
            StringBuilder s = new StringBuilder();
            e.getAsJsonArray().forEach(x -> s.append(s.length() == 0 ? "" : " ")
                    .append(x.isJsonPrimitive() ? x.getAsString() : x.toString()));
            return s.toString();
        }
        return e.toString();
    }
}
