package io.numagen.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns command-line paths (result folders, parents of result folders, summary.json files) into folders. */
public final class Inputs {
    private Inputs() {
    }

    static List<ResultLoader.Folder> load(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return SummaryReader.read(path);
        }
        List<ResultLoader.Folder> out = new ArrayList<>();
        for (Path dir : ResultLoader.discover(path)) {
            out.add(ResultLoader.load(dir));
        }
        return out;
    }

    /** Loads every path; the same host appearing in two folders gets "host@folder" so the rows stay apart. */
    public static List<ResultLoader.Folder> loadAll(List<Path> paths) throws IOException {
        List<ResultLoader.Folder> all = new ArrayList<>();
        for (Path p : paths) {
            all.addAll(load(p));
        }
        Map<String, Integer> count = new HashMap<>();
        all.forEach(f -> count.merge(f.host(), 1, Integer::sum));
        List<ResultLoader.Folder> out = new ArrayList<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        for (ResultLoader.Folder f : all) {
            String host = count.get(f.host()) > 1 ? f.host() + "@" + f.dir().getFileName() : f.host();
            String unique = host;
            for (int k = 2; !used.add(unique); k++) {
                unique = host + "#" + k;
            }
            out.add(unique.equals(f.host()) ? f : relabel(f, unique));
        }
        return out;
    }

    public static ResultLoader.Folder relabel(ResultLoader.Folder f, String host) {
        return f.withHost(host);
    }

    public static Measurement relabel(Measurement m, String host) {
        return m.withHost(host);
    }

    public static List<Measurement> measurements(List<ResultLoader.Folder> folders) {
        List<Measurement> out = new ArrayList<>();
        folders.forEach(f -> out.addAll(f.measurements()));
        return out;
    }
}
