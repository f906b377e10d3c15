package io.numagen.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliTestSupport(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
