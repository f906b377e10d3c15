package io.numagen.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parsed command-line arguments: {@code --name value} options, {@code --flag} switches and positional words.
 * Unknown options are rejected at parse time so a typo never silently changes a run.
 */
public final class Options {
    private final Map<String, String> values;
    private final Set<String> flagsGiven;
    private final List<String> positional;

    private Options(Map<String, String> values, Set<String> flagsGiven, List<String> positional) {
        this.values = values;
        this.flagsGiven = flagsGiven;
        this.positional = positional;
    }

    /**
     * @param valued options that take a value (without the leading dashes)
     * @param flags  options that take none
     */
    public static Options parse(List<String> args, Set<String> valued, Set<String> flags) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> given = new java.util.LinkedHashSet<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                positional.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (!arg.startsWith("--") || arg.equals("-")) {
                positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name)) {
                if (inline != null) {
                    throw new UsageException("option --" + name + " takes no value, got '" + inline + "'");
                }
                given.add(name);
            } else if (valued.contains(name)) {
                String value = inline;
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("option --" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                String earlier = values.put(name, value);
                if (earlier != null) {
                    // Taking the last one silently would run something other than what one of them asked for.
                    throw new UsageException("option --" + name + " given twice ('" + earlier + "' and '" + value
                            + "'): give it once");
                }
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
        return new Options(values, given, Collections.unmodifiableList(positional));
    }

    public String value(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public boolean has(String name) {
        return values.containsKey(name) || flagsGiven.contains(name);
    }

    public List<String> positional() {
        return positional;
    }

    /** The single positional argument, or a usage error naming what was expected. */
    public String onePositional(String what) {
        if (positional.size() != 1) {
            throw new UsageException("expected exactly one " + what + ", got " + positional.size() + ": " + positional);
        }
        return positional.get(0);
    }

    public void noPositional() {
        if (!positional.isEmpty()) {
            throw new UsageException("unexpected argument(s): " + positional);
        }
    }
}
