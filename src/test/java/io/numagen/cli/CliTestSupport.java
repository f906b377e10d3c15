package io.numagen.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.ToIntBiFunction;

/** Runs a command line in-process and keeps its exit status, stdout and stderr. */
final class CliTestSupport {
    final int status;
    final String out;
    final String err;

    private CliTestSupport(int status, String out, String err) {
        this.status = status;
        this.out = out;
        this.err = err;
    }

    static CliTestSupport run(String... args) {
        return capture((out, err) -> Main.run(args, out, err));
    }

    /** With these commands in place of the usual ones (built on a simulated kernel, say). */
    static CliTestSupport run(List<Command> commands, String... args) {
        return capture((out, err) -> Main.run(commands, args, out, err));
    }

    private static CliTestSupport capture(ToIntBiFunction<PrintStream, PrintStream> main) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = main.applyAsInt(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliTestSupport(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
