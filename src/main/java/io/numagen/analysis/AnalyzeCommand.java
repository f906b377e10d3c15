package io.numagen.analysis;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;

import io.numagen.cli.Command;
import io.numagen.cli.Options;

/** {@code numagen analyze DIR [--out DIR]}. */
public final class AnalyzeCommand implements Command {

    @Override
    public String name() {
        return "analyze";
    }

    @Override
    public String summary() {
        return "per-node gains, local/remote matrix, scaling from a numactl-matrix result folder";
    }

    @Override
    public String usage() {
        return "usage: numagen analyze DIR [--out DIR]\n"
                + "  DIR    a result folder of scripts/numactl-matrix.sh (manifest.json, machine.json, cells/*.json),\n"
                + "         a folder of JMH JSON files (-rf json), or a parent holding several result folders\n"
                + "  --out  where report.md, summary.csv, measurements.csv, summary.json and the plots\n"
                + "         (gain, local-remote, scaling as .svg and .png) go (default: DIR)\n"
                + "Ratios of means with 95 % Welch CIs and Welch t-test p-values; see docs/analysis.md.\n";
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.of("out");
    }

    @Override
    public Set<String> flagOptions() {
        return Set.of();
    }

    @Override
    public int run(Options options, PrintStream out, PrintStream err) throws Exception {
        Path dir = Paths.get(options.onePositional("result folder"));
        Path target = Paths.get(options.value("out", dir.toString()));
        List<ResultLoader.Folder> folders = Inputs.loadAll(List.of(dir));
        Analyzer.Result result = Analyzer.analyze(Inputs.measurements(folders));
        Report.write(target, new Report.Model("numagen analysis of " + dir, "analyze", List.of(dir.toString()),
                folders, result, null, null));
        summarize(out, folders, result, target);
        return 0;
    }

    static void summarize(PrintStream out, List<ResultLoader.Folder> folders, Analyzer.Result result, Path target) {
        long cells = folders.stream().mapToLong(f -> f.cells().size()).sum();
        long notOk = folders.stream().flatMap(f -> f.cells().stream()).filter(c -> !"ok".equals(c.status())).count();
        long significant = result.comparisons().stream().filter(c -> c.ratio().significant()).count();
        out.printf("%d host(s), %d cell(s) (%d not ok), %d measurement(s), %d comparison(s) (%d significant)%n",
                folders.size(), cells, notOk, result.measurements().size(), result.comparisons().size(), significant);
        out.println("report: " + target.resolve("report.md"));
    }
}
