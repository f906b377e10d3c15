package io.numagen.bench.run;

import com.google.gson.GsonBuilder;
import io.numagen.analysis.AtomicFiles;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Defaults;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * {@code org.openjdk.jmh.Main} with invalid parameter combinations left out. Takes the same arguments; expands each
 * selected benchmark's parameter space (the {@code -p} values, else the {@code @Param} defaults), drops the
 * combinations {@link Combinations} rejects (printed with the reason and written to {@code <result file stem>.skipped.json}
 * next to the result file, e.g. result.skipped.json), runs every remaining combination as its own JMH run and writes all results into the one result
 * file ({@code -rf}/{@code -rff}, JMH's defaults otherwise). List/help options go straight to JMH.
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -cp target/benchmarks.jar io.numagen.bench.run.MatrixRunner ARGS</pre>
 *
 * With {@code -Dnumagen.dryRun=true} it prints the plan (what would run, what is skipped and why) and exits. Parameter
 * values outside their allowed sets ({@link ParamValues}) exit 2 before anything runs; bad options too. With
 * {@code -Dnumagen.exitWithParent=true} (scripts/numactl-matrix.sh) it stops, with JMH's forks, when its parent dies.
 */
public final class MatrixRunner {

    /** One benchmark with one value per parameter. */
    public record Run(String benchmark, Map<String, String> params) {
    }

    /** A combination left out, and why. */
    public record Skipped(String benchmark, Map<String, String> params, String reason) {
    }

    private MatrixRunner() {
    }

    public static void main(String[] args) {
        if (Boolean.getBoolean("numagen.exitWithParent")) {
            ParentWatch.start();
        }
        int status;
        try {
            status = run(args);
        } catch (Throwable t) { // one line, never a stack trace: the cell's log is read by people
            System.err.println("# MatrixRunner: failed: " + (t.getMessage() == null ? t.toString() : t.getMessage()));
            status = 1;
        }
        System.exit(status);
    }

    static int run(String[] args) throws Exception {
        CommandLineOptions cmd;
        try {
            cmd = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("Error parsing command line:\n " + e.getMessage());
            return 2;
        }
        if (cmd.shouldHelp() || cmd.shouldList() || cmd.shouldListWithParams() || cmd.shouldListProfilers()
                || cmd.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(args);
            return 0;
        }
        OutputFormat quiet = OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT);
        BenchmarkList list = BenchmarkList.defaultList();
        Set<String> everyName = new TreeSet<>();
        for (BenchmarkListEntry e : list.getAll(quiet, List.of())) {
            everyName.add(e.getUsername());
        }
        Map<String, Map<String, List<String>>> spaces = new LinkedHashMap<>();
        Map<String, List<String>> annotationAppend = new LinkedHashMap<>();
        SortedSet<BenchmarkListEntry> selected = list.find(quiet, cmd.getIncludes(), cmd.getExcludes());
        for (BenchmarkListEntry e : selected) {
            annotationAppend.putIfAbsent(e.getUsername(), new ArrayList<>(e.getJvmArgsAppend().orElse(List.of())));
            Map<String, List<String>> space = spaces.computeIfAbsent(e.getUsername(), k -> new LinkedHashMap<>());
            if (e.getParams().hasValue()) {
                for (Map.Entry<String, String[]> p : e.getParams().get().entrySet()) {
                    List<String> values = cmd.getParameter(p.getKey()).hasValue()
                            ? new ArrayList<>(cmd.getParameter(p.getKey()).get()) : List.of(p.getValue());
                    space.put(p.getKey(), values);
                }
            }
        }
        if (spaces.isEmpty()) {
            System.err.println("No matching benchmarks. Miss-spelled regexp? Use -l to list them.");
            return 1;
        }
        // Bad values stop the run before anything runs (dry run too), rather than running as something else.
        Set<String> invalid = new LinkedHashSet<>();
        spaces.values().forEach(space -> invalid.addAll(ParamValues.invalidValues(space)));
        if (!invalid.isEmpty()) {
            invalid.forEach(r -> System.err.println("# MatrixRunner: invalid parameter value " + r));
            return 2;
        }
        List<Run> runs = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        plan(spaces, MachineNodes.current(), runs, skipped);

        ResultFormatType type = cmd.getResultFormat().orElse(Defaults.RESULT_FORMAT);
        Path resultFile = Paths.get(cmd.getResult().orElse(Defaults.RESULT_FILE_PREFIX + "."
                + type.toString().toLowerCase(Locale.ROOT)));
        String stem = resultFile.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Path skippedFile = resultFile.toAbsolutePath().resolveSibling(stem + ".skipped.json");
        printSkipped(skipped);
        AtomicFiles.write(skippedFile,
                new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(skipped) + "\n");
        System.out.println("# MatrixRunner: " + runs.size() + " combinations to run, " + skipped.size()
                + " skipped (listed in " + skippedFile + ")");
        if (Boolean.getBoolean("numagen.dryRun")) {
            for (Run r : runs) {
                System.out.println("# MatrixRunner: would run " + r.benchmark() + " " + r.params());
            }
            return 0;
        }

        List<RunResult> results = new ArrayList<>();
        Path scratch = Files.createTempFile("numagen-matrix", ".json");
        int status = 0;
        try {
            for (Run r : runs) {
                ChainedOptionsBuilder b = new OptionsBuilder().parent(cmd)
                        .include("^" + Pattern.quote(r.benchmark()) + "$")
                        .result(scratch.toString()).resultFormat(ResultFormatType.JSON);
                // The parent's regexps are merged into ours, so every other benchmark is excluded by name.
                for (String other : everyName) {
                    if (!other.equals(r.benchmark())) {
                        b.exclude("^" + Pattern.quote(other) + "$");
                    }
                }
                r.params().forEach(b::param);
                List<String> flags = jvmFlags(r);
                if (!flags.isEmpty()) {
                    // JMH takes -jvmArgsAppend from the options if given, else from @Fork: never both, so keep theirs.
                    List<String> append = new ArrayList<>(cmd.getJvmArgsAppend().hasValue()
                            ? cmd.getJvmArgsAppend().get() : annotationAppend.getOrDefault(r.benchmark(), List.of()));
                    append.addAll(flags);
                    b.jvmArgsAppend(append.toArray(new String[0]));
                }
                try {
                    results.addAll(new Runner(b.build()).run());
                } catch (RunnerException e) {
                    System.err.println("# MatrixRunner: " + r + " failed, stopping: " + e.getMessage());
                    status = 1;
                    break;
                }
            }
        } finally {
            Files.deleteIfExists(scratch);
        }
        if (!results.isEmpty()) {
            // Whole or not at all: a run killed while writing must not leave half a result file to analyse.
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            try (PrintStream out = new PrintStream(json, true, StandardCharsets.UTF_8)) {
                ResultFormatFactory.getInstance(type, out).writeOut(results);
            }
            AtomicFiles.write(resultFile, json.toByteArray());
            System.out.println("# MatrixRunner: " + results.size() + " results in " + resultFile);
        }
        printSkipped(skipped);
        return status;
    }

    /** Expands every benchmark's parameter space into runs and skipped combinations (pure: for tests). */
    public static void plan(Map<String, Map<String, List<String>>> spaces, Combinations.Machine machine,
                            List<Run> runs, List<Skipped> skipped) {
        spaces.forEach((benchmark, space) -> {
            for (Map<String, String> combo : expand(space)) {
                String reason = Combinations.invalidReason(combo, machine);
                if (reason == null) {
                    runs.add(new Run(benchmark, combo));
                } else {
                    skipped.add(new Skipped(benchmark, combo, reason));
                }
            }
        });
    }

    /**
     * The extra forked-JVM flags of a run: those its {@code jvm} param names ({@link JvmFlags}), none without one.
     *
     * @throws IllegalArgumentException for an unknown jvm value, naming it and the allowed ones
     */
    public static List<String> jvmFlags(Run run) {
        String jvm = run.params().get("jvm");
        return jvm == null ? List.of() : JvmFlags.flags(jvm);
    }

    /** The cross product of a parameter space, in the order JMH would run it (first parameter slowest). */
    public static List<Map<String, String>> expand(Map<String, List<String>> space) {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> p : space.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : out) {
                for (String v : p.getValue()) {
                    Map<String, String> m = new LinkedHashMap<>(partial);
                    m.put(p.getKey(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    private static void printSkipped(Collection<Skipped> skipped) {
        for (Skipped s : skipped) {
            System.out.println("# MatrixRunner: SKIPPED " + s.benchmark() + " " + s.params() + ": " + s.reason());
        }
    }

}
