package io.numagen.cli;

import java.io.PrintStream;
import java.util.Set;

/** One `numagen` subcommand. Implementations are registered in {@link Main}. */
public interface Command {

    /** The word typed after `numagen`. */
    String name();

    /** One line for `numagen help`. */
    String summary();

    /** The full usage text printed by `numagen NAME --help` and after a usage error. */
    String usage();

    /** Options that take a value, without the leading dashes. */
    Set<String> valuedOptions();

    /** Options that take no value, without the leading dashes. */
    Set<String> flagOptions();

    /**
     * Runs the command.
     *
     * @return the process exit status (0 success)
     * @throws UsageException for bad arguments; {@link IllegalArgumentException} for bad values
     */
    int run(Options options, PrintStream out, PrintStream err) throws Exception;
}
