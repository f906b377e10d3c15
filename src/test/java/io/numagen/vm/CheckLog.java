package io.numagen.vm;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints one line per check, {@code PASS name: detail}, {@code FAIL name: detail} or {@code SKIP name: reason}, and
 * the summary line {@code N passed, N failed} that CI recognises. A check that throws is a FAIL with the exception.
 */
public final class CheckLog {

    /** A check's body: returns the PASS detail, or throws {@link Failure} (or anything) to fail. */
    @FunctionalInterface
    public interface Check {
        String run() throws Exception;
    }

    /** A check's verdict is FAIL with this message. */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Failure(String message) {
            super(message);
        }
    }

    /** A facility the check needs is missing: SKIP with this reason. Never for a wrong result. */
    public static final class Skip extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Skip(String reason) {
            super(reason);
        }
    }

    private final PrintStream out;
    private int passed;
    private int failed;
    private int skipped;
    private final List<String> failedNames = new ArrayList<>();

    public CheckLog(PrintStream out) {
        this.out = out;
    }

    public void run(String name, Check check) {
        try {
            pass(name, check.run());
        } catch (Skip s) {
            skip(name, s.getMessage());
        } catch (Failure f) {
            fail(name, f.getMessage());
        } catch (Throwable t) {
            fail(name, "threw " + t);
        }
    }

    public void pass(String name, String detail) {
        passed++;
        out.println("PASS " + name + ": " + oneLine(detail));
        out.flush();
    }

    public void fail(String name, String detail) {
        failed++;
        failedNames.add(name);
        out.println("FAIL " + name + ": " + oneLine(detail));
        out.flush();
    }

    public void skip(String name, String reason) {
        skipped++;
        out.println("SKIP " + name + ": " + oneLine(reason));
        out.flush();
    }

    /** Indented free text (reports) that no CI parser mistakes for a verdict. */
    public void info(String text) {
        for (String line : text.split("\n")) {
            out.println("  | " + line);
        }
        out.flush();
    }

    public int passed() {
        return passed;
    }

    public int failed() {
        return failed;
    }

    public int skipped() {
        return skipped;
    }

    public List<String> failedNames() {
        return List.copyOf(failedNames);
    }

    /** Exactly {@code N passed, N failed}. */
    public String summary() {
        return passed + " passed, " + failed + " failed";
    }

    /** A FAIL with {@code message} unless {@code condition} holds. */
    public static void require(boolean condition, String message) {
        if (!condition) {
            throw new Failure(message);
        }
    }

    /** A FAIL listing {@code problems} unless it is empty. */
    public static void requireNone(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new Failure(String.join("; ", problems));
        }
    }

    static String oneLine(String text) {
        return text == null ? "" : text.replace("\r", "").replace("\n", " | ").strip();
    }
}
