package io.numagen.nativeio;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the calls cannot be made, every one says why instead of throwing. */
class NonLinuxTest {

    @Test
    void onAnotherOsEveryCallIsUnavailableWithTheReason() throws Exception {
        String output = runPretending("-Dos.name=Mac OS X");
        assertEquals(17, count(output, "Unavailable: not Linux (Mac OS X)"), output);
        assertTrue(output.contains("libc: no (not Linux (Mac OS X))"), output);
        assertTrue(output.contains("libnuma: no (not Linux (Mac OS X))"), output);
    }

    @Test
    void withoutLoadableNativeCodeEveryCallIsUnavailableWithTheReason() throws Exception {
        // JNA then looks for its native stub under linux-ppc64le: the library fails to load, as on a JRE without it.
        String output = runPretending("-Dos.arch=ppc64le");
        assertEquals(17, count(output, "Unavailable: libc not loadable through JNA"), output);
        assertTrue(output.contains("syscalls: no (libc not loadable through JNA"), output);
    }

    private static String runPretending(String property) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), property, "-Xshare:auto", "-cp",
                System.getProperty("java.class.path"), EveryCallOnce.class.getName()))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "probe JVM did not finish");
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    private static long count(String text, String line) {
        return text.lines().filter(l -> l.startsWith(line)).count();
    }
}
