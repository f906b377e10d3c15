package io.numagen.generator;

import io.numagen.exec.CpuPlan;
import io.numagen.exec.NumaMode;
import io.numagen.exec.NumaOptions;
import io.numagen.exec.NumaPlan;
import io.numagen.memory.NativeBuffer;
import io.numagen.memory.NodeBinding;
import io.numagen.memory.PlacementReport;
import io.numagen.nativeio.MemoryPolicy;
import io.numagen.nativeio.NativeResult;
import io.numagen.nativeio.Numa;
import io.numagen.nativeio.PageQuery;
import io.numagen.testing.SimulatedPlatform;
import io.numagen.topology.Fixtures;
import io.numagen.topology.Topology;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Placement through {@link DataGenerator} on every sysfs fixture (2-, 4-, 8-node, cgroup-restricted, memoryless,
 * sparse ids) with a simulated kernel: every page lands where the topology says its writer's memory is.
 */
class SimulatedPlacementTest {
    private static final int BLOCK = 64 << 10;
    private static final int ENOMEM = 12;

    static List<String> fixtures() {
        return Fixtures.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void firstTouchPutsEachSharesPagesOnItsWritersMemoryNode(String fixture) {
        checkEveryPage(fixture, new NumaOptions(NumaMode.FORCE, "scatter", true, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void bindPutsEachSharesPagesOnItsWorkersBindNode(String fixture) {
        checkEveryPage(fixture, new NumaOptions(NumaMode.FORCE, "scatter", false, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void unpinnedWorkersWithoutPlacementLeaveEverythingOnTheirCommonNode(String fixture) {
        Topology topology = Fixtures.read(fixture);
        SimulatedPlatform platform = new SimulatedPlatform(topology);
        int home = topology.memoryNodeFor(topology.nodeOfCpu(topology.allowedCpus().first()));
        try (DataGenerator g = DataGenerator.create(config(), 3, NumaOptions.off(), platform);
             NativeBuffer buffer = g.generate(8L * BLOCK)) {
            PlacementReport report = g.placement(buffer).orThrow();
            assertEquals(1.0, report.share(home), 1e-12, fixture + "\n" + report.render());
        }
    }

    /** Every page is placed and on the node the plan and topology give its writer, and the bytes are the usual. */
    private static void checkEveryPage(String fixture, NumaOptions options) {
        Topology topology = Fixtures.read(fixture);
        SimulatedPlatform platform = new SimulatedPlatform(topology);
        int threads = Math.min(16, 2 * topology.usableNodes().size());
        try (DataGenerator g = DataGenerator.create(config(), threads, options, platform)) {
            NumaPlan plan = g.numaPlan();
            CpuPlan cpus = plan.cpus().orElseThrow();
            long granule = WorkSplit.granule(BLOCK, plan.touchUnit());
            long size = 2 * granule * threads;
            try (NativeBuffer buffer = g.generate(size)) {
                int[] status = nodeOfEveryPage(platform, buffer);
                for (int w = 0; w < threads; w++) {
                    int expected = options.bind() ? plan.bindNodeOf(w) : topology.memoryNodeFor(cpus.nodeOf(w));
                    assertTrue(topology.memoryNodes().contains(expected), fixture + ": worker " + w + " -> " + expected);
                    long from = WorkSplit.boundary(0, size, granule, threads, w);
                    long to = WorkSplit.boundary(0, size, granule, threads, w + 1);
                    for (long offset = from; offset < to; offset += platform.pageSize()) {
                        assertEquals(expected, status[(int) (offset / platform.pageSize())],
                                fixture + ": worker " + w + " on CPU " + cpus.cpuOf(w) + " (node " + cpus.nodeOf(w)
                                        + "), page at " + offset + "; " + plan.describe());
                    }
                }
                assertArrayEquals(GeneratorTestSupport.oneShot(config(), 1, (int) Math.min(size, 4 << 20)),
                        GeneratorTestSupport.bytes(buffer, 0, (int) Math.min(size, 4 << 20)), fixture);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void interleaveDealsPagesRoundRobinOverTheAllowedMemoryNodes(String fixture) {
        Topology topology = Fixtures.read(fixture);
        SimulatedPlatform platform = new SimulatedPlatform(topology);
        List<Integer> nodes = topology.memoryNodes().stream().boxed().toList();
        long pages = 3L * nodes.size() + 1;
        try (NativeBuffer buffer = NativeBuffer.allocate(platform, pages * platform.pageSize(), platform.pageSize())) {
            platform.mbind(buffer.address(), buffer.length(), MemoryPolicy.interleave(nodes), Numa.MF_STRICT)
                    .orThrow();
            platform.written(buffer.address(), buffer.length());
            int[] status = nodeOfEveryPage(platform, buffer);
            for (int p = 0; p < pages; p++) {
                assertEquals(nodes.get(p % nodes.size()), status[p], fixture + " page " + p);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void bindingMovesPagesAlreadyTouchedElsewhere(String fixture) {
        Topology topology = Fixtures.read(fixture);
        SimulatedPlatform platform = new SimulatedPlatform(topology);
        List<Integer> nodes = topology.memoryNodes().stream().boxed().toList();
        int target = nodes.get(nodes.size() - 1);
        try (NativeBuffer buffer = NativeBuffer.allocate(platform, 8 * platform.pageSize(), platform.pageSize())) {
            platform.written(buffer.address(), buffer.length());
            NodeBinding.bind(buffer, 0, buffer.length(), target, platform.pageSize(), NodeBinding.Rounding.INWARD)
                    .orThrow();
            for (int node : nodeOfEveryPage(platform, buffer)) {
                assertEquals(target, node, fixture);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void aFailedPageQueryIsAFailureNamingTheCallNeverAnEmptyReport(String fixture) {
        SimulatedPlatform platform = new SimulatedPlatform(Fixtures.read(fixture)).failPageQuery(ENOMEM);
        try (DataGenerator g = DataGenerator.create(config(), 2, NumaOptions.force(), platform);
             NativeBuffer buffer = g.generate(4L * BLOCK)) {
            NativeResult<PlacementReport> report = g.placement(buffer);
            assertFalse(report.isOk(), fixture);
            assertTrue(report.failure()
                    .matches("move_pages\\(query 64 pages at 0x[0-9a-f]+\\) failed: ENOMEM \\(12\\).*"), report.failure());
        }
    }

    private static int[] nodeOfEveryPage(SimulatedPlatform platform, NativeBuffer buffer) {
        int pages = (int) (buffer.length() / platform.pageSize());
        int[] status = new int[pages];
        try (PageQuery query = platform.openPageQuery(pages).orThrow()) {
            assertEquals(0, query.query(buffer.address(), platform.pageSize(), pages, status));
        }
        return status;
    }

    private static GeneratorConfig config() {
        return new GeneratorConfig(BLOCK, 1.5, 2, 11);
    }
}
