package io.numagen.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** `numagen COMMAND [OPTIONS]`: the command-line entry point. */
public final class Main {

    /** Exit status for bad arguments or values (as getopt-style tools do). */
    public static final int EXIT_USAGE = 2;
    /** Exit status for a failure while running (I/O, system). */
    public static final int EXIT_FAILURE = 1;

    private static final List<Command> COMMANDS = List.of(
            new GenerateCommand(),
            new VerifyCommand(),
            new TopologyCommand(),
            new io.numagen.analysis.AnalyzeCommand(),
            new io.numagen.analysis.CompareCommand(),
            new io.numagen.analysis.MergeCommand());

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command line and returns its exit status; never calls System.exit (for tests). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(COMMANDS, args, out, err);
    }

    /** {@link #run(String[], PrintStream, PrintStream)} with other commands: tests pass ones on a simulated kernel. */
    static int run(List<Command> commands, String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            printHelp(commands, out);
            return args.length == 0 ? EXIT_USAGE : 0;
        }
        Command command = find(commands, args[0]);
        if (command == null) {
            err.println("numagen: unknown command '" + args[0] + "'");
            printHelp(commands, err);
            return EXIT_USAGE;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (rest.contains("--help") || rest.contains("-h")) {
            out.print(command.usage());
            return 0;
        }
        try {
            return command.run(Options.parse(rest, command.valuedOptions(), command.flagOptions()), out, err);
        } catch (UsageException e) {
            err.println("numagen " + command.name() + ": " + e.getMessage());
            err.print(command.usage());
            return EXIT_USAGE;
        } catch (IllegalArgumentException e) {
            err.println("numagen " + command.name() + ": " + e.getMessage());
            return EXIT_USAGE;
        } catch (Exception e) {
            err.println("numagen " + command.name() + ": " + describe(e));
            return EXIT_FAILURE;
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static Command find(List<Command> commands, String name) {
        for (Command c : commands) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private static void printHelp(List<Command> commands, PrintStream out) {
        out.println("usage: numagen COMMAND [OPTIONS]   (numagen COMMAND --help for details)");
        out.println();
        for (Command c : commands) {
            out.printf("  %-10s %s%n", c.name(), c.summary());
        }
    }
}
