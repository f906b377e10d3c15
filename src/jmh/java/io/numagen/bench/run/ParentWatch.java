package io.numagen.bench.run;

/**
 * Stops this JVM and its JMH forks when the process that started it is gone. A script killed outright (kill -9)
 * cannot stop its child; left running, the orphan would keep writing its cell's result and log while a resumed run
 * redoes that cell. Polls twice a second: cheap, and within the time a person takes to type the resume.
 */
final class ParentWatch {
    private static final long POLL_MILLIS = 500;

    private ParentWatch() {
    }

    static void start() {
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        if (parent == null) {
            return; // already orphaned or unknown: nothing to watch
        }
        Thread t = new Thread(() -> watch(parent), "numagen-parent-watch");
        t.setDaemon(true);
        t.start();
    }

    private static void watch(ProcessHandle parent) {
        while (parent.isAlive()) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
        System.err.println("# MatrixRunner: parent process " + parent.pid() + " is gone: stopping the benchmark "
                + "forks and exiting");
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        Runtime.getRuntime().halt(1);
    }
}
