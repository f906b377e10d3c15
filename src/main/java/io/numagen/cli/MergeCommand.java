package io.numagen.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.numagen.analysis.Analyzer;
import io.numagen.analysis.Inputs;
import io.numagen.analysis.Report;
import io.numagen.analysis.ResultLoader;

/** {@code numagen merge DIR... --out DIR}: one analysis over the result folders of many hosts. */
public final class MergeCommand implements Command {

    @Override
    public String name() {
        return "merge";
    }

    @Override
    public String summary() {
        return "merge result folders of many hosts (cluster runs) into one analysis";
    }

    @Override
    public String usage() {
        return "usage: numagen merge DIR... --out DIR\n"
                + "  DIR    result folders, parents of result folders (e.g. results/) or summary.json files;\n"
                + "         every host keeps its own rows (Host column); a host seen in two folders becomes host@folder\n"
                + "  --out  output folder (report.md, summary.csv, measurements.csv, summary.json, plots)\n";
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
        if (options.positional().isEmpty()) {
            throw new UsageException("expected at least one result folder");
        }
        if (!options.has("out")) {
            throw new UsageException("--out DIR is required");
        }
        List<Path> paths = new ArrayList<>();
        options.positional().forEach(p -> paths.add(Paths.get(p)));
        Path target = Paths.get(options.value("out", null));
        List<ResultLoader.Folder> folders = Inputs.loadAll(paths);
        Analyzer.Result result = Analyzer.analyze(Inputs.measurements(folders));
        List<String> sources = new ArrayList<>();
        paths.forEach(p -> sources.add(p.toString()));
        Report.write(target, new Report.Model("numagen merged analysis (" + folders.size() + " result folders)",
                "merge", sources, folders, result, null, null));
        AnalyzeCommand.summarize(out, folders, result, target);
        return 0;
    }
}
