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
    private Provenance() {
    }

    static void append(StringBuilder b, List<ResultLoader.Folder> folders) {
        b.append("## Provenance\n\n");
        for (ResultLoader.Folder f : folders) {
            JsonObject man = f.manifest();
            JsonObject mach = f.machine();
            b.append("**").append(Report.md(f.host())).append("** (`").append(f.dir()).append("`)\n\n");
            line(b, "git commit", man, "git");
            line(b, "preset", man, "preset");
            line(b, "NUMA modes", man, "modes");
            line(b, "JMH arguments", man, "jmhArgs");
            line(b, "extra arguments", man, "extraArgs");
            line(b, "JDK", mach, "jvm");
            line(b, "kernel", mach, "kernel");
            line(b, "CPU", mach, "cpuModel");
            line(b, "CPUs", mach, "cpus");
            line(b, "transparent huge pages", mach, "transparentHugepages");
            line(b, "THP defrag", mach, "thpDefrag");
            line(b, "numa_balancing", mach, "numaBalancing");
            line(b, "numactl", mach, "numactl");
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
