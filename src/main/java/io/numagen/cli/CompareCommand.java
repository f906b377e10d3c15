package io.numagen.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.google.gson.JsonObject;

import io.numagen.analysis.Inputs;
import io.numagen.analysis.Report;
import io.numagen.analysis.ResultLoader;
import io.numagen.analysis.RunComparison;

/** {@code numagen compare A B [--out DIR]}: run B against run A, measurement by measurement and gain by gain. */
public final class CompareCommand implements Command {

    @Override
    public String name() {
        return "compare";
    }

    @Override
    public String summary() {
        return "compare two result folders (or summary.json files): B / A with CIs and verdicts";
    }

    @Override
    public String usage() {
        return "usage: numagen compare A B [--out DIR]\n"
                + "  A, B   result folders (as for analyze) or summary.json files written by analyze/merge\n"
                + "  --out  output folder (default: ./numagen-compare)\n"
                + "Each measurement present in both (same host when both have several, cell, benchmark, params):\n"
                + "ratio B/A over forks with a 95 % CI; each comparison of A and B side by side. Measurements in\n"
                + "different units (e.g. thrpt vs avgt without a size) are refused (exit 2).\n";
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
        if (options.positional().size() != 2) {
            throw new UsageException("expected two results (A B), got " + options.positional().size());
        }
        Path a = Paths.get(options.positional().get(0));
        Path b = Paths.get(options.positional().get(1));
        Path target = Paths.get(options.value("out", "numagen-compare"));
        List<ResultLoader.Folder> fa = Inputs.loadAll(List.of(a));
        List<ResultLoader.Folder> fb = Inputs.loadAll(List.of(b));
        RunComparison.Outcome o = RunComparison.compare(fa, fb);
        List<ResultLoader.Folder> folders = new ArrayList<>();
        fa.forEach(f -> folders.add(Inputs.relabel(f, "A:" + f.host())));
        fb.forEach(f -> folders.add(Inputs.relabel(f, "B:" + f.host())));
        JsonObject extra = o.json();
        extra.addProperty("a", a.toString());
        extra.addProperty("b", b.toString());
        Report.write(target, new Report.Model("numagen compare: B = " + b + " vs A = " + a, "compare",
                List.of(a.toString(), b.toString()), folders, o.result(), o.markdown(), extra));
        long differ = o.result().comparisons().stream().filter(c -> c.verdict().isFinding()).count();
        out.printf("%d matched measurement(s) (%d different after Holm correction), %d matched comparison(s) "
                + "(%d verdict(s) changed)%n", o.result().comparisons().size(), differ, o.matchedComparisons(),
                o.changedVerdicts());
        out.println("report: " + target.resolve("report.md"));
        return 0;
    }
}
