package io.numagen.vm;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.PrintWriter;
import java.util.Arrays;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs JUnit test classes without Maven, for the emulated NUMA guests of scripts/numa-vm-tests.sh: the live-machine
 * tests derive their expectations from the topology reader, so the same classes check 2- and 4-node guests.
 * Usage: {@code LiveTests CLASS...}; prints each failure and ends with "N passed, N failed" (the line the script
 * reads). Exit 0 when all passed, 1 otherwise, 2 for no class.
 */
public final class LiveTests {
    private LiveTests() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: LiveTests CLASS...");
            System.exit(2);
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(Arrays.stream(args).map(name -> selectClass(name)).toList()).build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        summary.getFailures().forEach(f -> out.println("FAIL " + f.getTestIdentifier().getDisplayName() + ": "
                + f.getException()));
        long failed = summary.getTotalFailureCount() + summary.getContainersFailedCount();
        out.println("# " + summary.getTestsSkippedCount() + " skipped, " + summary.getTestsAbortedCount()
                + " aborted (assumptions)");
        out.println(summary.getTestsSucceededCount() + " passed, " + failed + " failed");
        System.exit(failed == 0 && summary.getTestsFoundCount() > 0 ? 0 : 1);
    }
}
