package io.numagen.topology;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random mutations of the hwloc sysfs dumps (seeded, so a failure repeats): every read gives a topology that prints,
 * (text and JSON) or a clear error naming a file, never another exception. One mutation at a time, restored before
 * the next.
 */
class TopologyFuzzTest {
    private static final long SEED = 20261202L;
    private static final int MUTATIONS_PER_FIXTURE = 80;
    private static final List<String> FIXTURES = List.of("2arm-2c", "8em64t-2s2ca2c", "16amd64-8n2c-cpusets",
            "8em64t-2s2ca2c-buggynuma");
    /** Text that kernel files hold, or nearly: separators, bounds, huge and negative numbers, control bytes. */
    private static final List<String> TOKENS = List.of("-", ",", ":", " ", "\n", "\0", "999999999", "4294967296",
            "9223372036854775808", "-1", "0-", "-0", "ffffffff,", "x", "[", "]", "kB", "Node 0 MemTotal:", "1048575",
            "0-1048576", "\t", "\\040", "0::/", "cpuset");

    private enum Mutation { EMPTY, TRUNCATE, OVERWRITE_BYTE, INSERT_TOKEN, REPLACE_WITH_TOKENS, DELETE, LINK_LOOP,
        DIRECTORY }

    @TempDir
    Path work;

    @Test
    void mutatedDumpsGiveATopologyOrAClearError() throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        int topologies = 0;
        int errors = 0;
        for (String fixture : FIXTURES) {
            Path root = work.resolve(fixture);
            copy(Fixtures.root(fixture), root);
            List<Path> files = readerFiles(root);
            for (int i = 0; i < MUTATIONS_PER_FIXTURE; i++) {
                Path file = files.get(random.nextInt(files.size()));
                byte[] original = Files.readAllBytes(file);
                Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
                mutate(file, original, mutation, random);
                String what = fixture + " mutation " + i + " (seed " + SEED + "): " + mutation + " of "
                        + root.relativize(file);
                try {
                    Topology t = TopologyReader.read(root);
                    assertNotNull(TopologyPrinter.text(t), what);
                    assertNotNull(io.numagen.cli.TopologyJson.json(t), what);
                    topologies++;
                } catch (IllegalArgumentException | UncheckedIOException e) {
                    assertTrue(e.getMessage() != null && e.getMessage().contains("/"),
                            what + ": an error that names no file: " + e.getMessage());
                    errors++;
                } catch (RuntimeException | Error e) {
                    fail(what + ": " + e, e);
                }
                restore(file, original);
            }
        }
        // Both outcomes occur, so the mutations reach the parsers and do not only break them.
        assertTrue(topologies > 0 && errors > 0, topologies + " topologies, " + errors + " errors");
    }

    private static void mutate(Path file, byte[] original, Mutation mutation, SplittableRandom random)
            throws IOException {
        switch (mutation) {
            case EMPTY -> Files.write(file, new byte[0]);
            case TRUNCATE -> Files.write(file, java.util.Arrays.copyOf(original, random.nextInt(original.length + 1)));
            case OVERWRITE_BYTE -> {
                byte[] b = original.length == 0 ? new byte[1] : original.clone();
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                Files.write(file, b);
            }
            case INSERT_TOKEN -> {
                String text = new String(original, StandardCharsets.ISO_8859_1);
                int at = random.nextInt(text.length() + 1);
                String token = TOKENS.get(random.nextInt(TOKENS.size()));
                Files.write(file, (text.substring(0, at) + token + text.substring(at))
                        .getBytes(StandardCharsets.ISO_8859_1));
            }
            case REPLACE_WITH_TOKENS -> {
                StringBuilder sb = new StringBuilder();
                for (int n = random.nextInt(1, 6); n > 0; n--) {
                    sb.append(TOKENS.get(random.nextInt(TOKENS.size())));
                }
                Files.write(file, sb.toString().getBytes(StandardCharsets.ISO_8859_1));
            }
            case DELETE -> Files.delete(file);
            case LINK_LOOP -> {
                Files.delete(file);
                Files.createSymbolicLink(file, file.getFileName());
            }
            case DIRECTORY -> {
                Files.delete(file);
                Files.createDirectory(file);
            }
        }
    }

    private static void restore(Path file, byte[] original) throws IOException {
        if (Files.isDirectory(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(file);
        }
        Files.deleteIfExists(file);
        Files.write(file, original);
    }

    /** The files the reader opens: node, cpu and kernel-setting files under sys, and proc. */
    private static List<Path> readerFiles(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).filter(p -> {
                String r = root.relativize(p).toString();
                return r.startsWith("proc/") || r.startsWith("sys/devices/system/node/")
                        || r.startsWith("sys/kernel/mm/") || r.matches("sys/devices/system/cpu/[a-z]+")
                        || r.matches("sys/devices/system/cpu/cpu[0-9]+/topology/.*")
                        || r.startsWith("sys/fs/cgroup");
            }).sorted(Comparator.naturalOrder()).toList();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
