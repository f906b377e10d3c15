package io.numagen.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.numagen.analysis.Analyzer;
import io.numagen.analysis.Comparison;
import io.numagen.analysis.Inputs;
import io.numagen.analysis.Report;
import io.numagen.analysis.ResultLoader;

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
                + "The fork is the unit: ratios of per-fork means with 95 % Welch CIs on their logs, Holm-corrected\n"
                + "over the report, no verdict below 3 forks per side; throughput in GB/s (10^9 B/s). See\n"
                + "docs/analysis.md.\n";
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
        List<Comparison> family = result.comparisons().stream().filter(Comparison::inFamily)
                .collect(Collectors.toList());
        long holds = family.stream().filter(c -> c.verdict().isFinding()).count();
        out.printf("%d host(s), %d cell(s) (%d not ok), %d measurement(s), %d comparison(s): %d hold after the Holm "
                + "correction, %d inconclusive%n", folders.size(), cells, notOk, result.measurements().size(),
                family.size(), holds, family.size() - holds);
        result.comparisons().stream().filter(c -> !c.inFamily())
                .forEach(c -> out.println(c.host() + " " + c.node() + " " + c.benchmark() + ": " + c.verdict().text()));
        if (result.comparisons().stream().allMatch(Comparison::inFamily)) {
            out.println("no A/A control cell: the machine's noise between cells is unchecked");
        }
        out.println("report: " + target.resolve("report.md"));
    }
}
