package io.numagen.vm;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.numagen.cli.TopologyJson;
import io.numagen.exec.CpuPlan;
import io.numagen.exec.NumaMode;
import io.numagen.exec.NumaOptions;
import io.numagen.exec.NumaPlan;
import io.numagen.exec.WorkerLocation;
import io.numagen.generator.DataGenerator;
import io.numagen.generator.GeneratorConfig;
import io.numagen.memory.FirstTouch;
import io.numagen.memory.NativeBuffer;
import io.numagen.memory.NodeBinding;
import io.numagen.memory.PagePlacement;
import io.numagen.memory.PlacementReport;
import io.numagen.memory.WriterRange;
import io.numagen.metrics.NumaStat;
import io.numagen.nativeio.Affinity;
import io.numagen.nativeio.CpuLocation;
import io.numagen.nativeio.MemoryPolicy;
import io.numagen.nativeio.Mmap;
import io.numagen.nativeio.NativeResult;
import io.numagen.nativeio.Numa;
import io.numagen.topology.CpuSet;
import io.numagen.topology.NumaNode;
import io.numagen.topology.Topology;
import io.numagen.topology.TopologyReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static io.numagen.vm.CheckLog.require;
import static io.numagen.vm.CheckLog.requireNone;

/**
 * Checks of the NUMA layer on a real multi-node kernel: run inside the guest of {@code scripts/numa-vm.sh} (see
 * {@code docs/numa-vm-tests.md} and {@code scripts/numa-vm-tests.sh}). Prints {@code PASS|FAIL|SKIP name: detail} per
 * check and last {@code N passed, N failed}; exits 1 if any failed, 2 on a usage error.
 *
 * <pre>
 * java -Xmx256m -cp target/test-classes:target/numagen.jar io.numagen.vm.NumaVmChecks --expect-nodes 2
 *      [--expect-memoryless] [--cpus-per-node 2] [--checks topology,pinning,...] [--size-mib 64] [--bound-node 1]
 * </pre>
 *
 * Check groups: {@code topology} (reader and JSON vs the VM options), {@code pinning} (scatter and compact workers on
 * their planned CPUs and nodes), {@code placement} (AUTO first-touch keeps pages on the writer's node), {@code
 * unaligned} (the same for a size that is not a multiple of 2 MiB; run by scripts/numa-vm-tests.sh), {@code
 * contrast} (mode OFF after a node-0 pre-touch leaves everything on node 0), {@code bind} (mbind to node 1 beats a
 * node-0 toucher), {@code numastat} (counters of node 1 show a node-1 run), {@code memoryless} (generation works and
 * the memoryless node holds nothing; binding to it is refused), {@code numactl} (run under numactl bound to one node:
 * AUTO applies nothing and workers stay on that node). Default: all that apply to the expected topology.
 */
public final class NumaVmChecks {
    private static final GeneratorConfig CONFIG = new GeneratorConfig(65536, 1.5, 2, 3);
    private static final Path SYS = Path.of("/sys");
    private static final List<String> ALL_GROUPS = List.of("topology", "pinning", "placement", "unaligned",
            "contrast", "bind", "numastat", "memoryless", "numactl");
    /** The share of pages that must sit on their writer's node after pinned first touch. */
    static final double MIN_LOCAL = 0.99;

    private final ExpectedTopology expected;
    private final long size;
    private final int boundNode;
    private final CheckLog log;
    private final long pageSize = Mmap.pageSize().orElse(4096L);
    private Topology topology;

    private NumaVmChecks(ExpectedTopology expected, long size, int boundNode, CheckLog log) {
        this.expected = expected;
        this.size = size;
        this.boundNode = boundNode;
        this.log = log;
    }

    public static void main(String[] args) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("NumaVmChecks: " + e.getMessage());
            System.err.println("usage: NumaVmChecks --expect-nodes N [--expect-memoryless] [--cpus-per-node C] "
                    + "[--checks " + String.join(",", ALL_GROUPS) + "] [--size-mib M] [--bound-node N]");
            System.exit(2);
            return;
        }
        CheckLog log = new CheckLog(System.out);
        NumaVmChecks checks = new NumaVmChecks(o.expected, o.sizeMiB << 20, o.boundNode, log);
        System.out.println("# NumaVmChecks: expecting " + o.expected.describe() + (o.boundNode >= 0
                ? ", run bound to node " + o.boundNode : "") + "; checks " + o.groups + "; buffers "
                + o.sizeMiB + " MiB");
        checks.runAll(o.groups);
        System.out.println(log.summary());
        System.exit(log.failed() == 0 ? 0 : 1);
    }

    private void runAll(Set<String> groups) {
        log.run("topology-read", () -> {
            topology = TopologyReader.read();
            return "nodes " + topology.nodeIds() + ", cpus " + topology.onlineCpus() + ", allowed "
                    + topology.allowedCpus() + ", usable nodes " + ids(topology.usableNodes()) + ", THP "
                    + topology.kernel().transparentHugepages() + ", numa_balancing "
                    + topology.kernel().numaBalancing();
        });
        Integer balancing = topology == null ? null : topology.kernel().numaBalancing();
        if (balancing != null && balancing != 0) {
            System.out.println("# numa_balancing is " + balancing + ": the kernel may migrate pages while the checks"
                    + " run, and move_pages then reports EFAULT for pages under a NUMA hinting fault; "
                    + "scripts/numa-vm-tests.sh turns it off in the guest (echo 0 > /proc/sys/kernel/numa_balancing)");
        }
        if (topology == null) {
            return;
        }
        if (groups.contains("topology")) {
            log.run("topology", this::checkTopology);
            log.run("topology-json", this::checkTopologyJson);
        }
        if (groups.contains("pinning")) {
            log.run("pinning-scatter", () -> checkPinning("scatter"));
            log.run("pinning-compact", () -> checkPinning("compact"));
        }
        if (groups.contains("placement")) {
            log.run("placement-first-touch", this::checkFirstTouch);
        }
        if (groups.contains("unaligned")) {
            log.run("placement-first-touch-unaligned", this::checkFirstTouchUnaligned);
        }
        if (groups.contains("contrast")) {
            log.run("placement-off-contrast", this::checkOffContrast);
        }
        if (groups.contains("bind")) {
            log.run("bind-node1-from-node0", this::checkBind);
        }
        if (groups.contains("numastat")) {
            log.run("numastat-node1", this::checkNumastat);
        }
        if (groups.contains("memoryless")) {
            log.run("memoryless-generation", this::checkMemorylessGeneration);
            log.run("memoryless-bind-refused", this::checkMemorylessBind);
        }
        if (groups.contains("numactl")) {
            log.run("numactl-topology", this::checkNumactlTopology);
            log.run("numactl-auto-no-pinning", this::checkNumactlAuto);
        }
    }

    // ---- 1. topology ----------------------------------------------------------------------------------------

    private String checkTopology() {
        List<String> problems = new ArrayList<>(expected.differences(topology));
        if (!topology.allowedCpus().equals(topology.onlineCpus())) {
            problems.add("allowed CPUs " + topology.allowedCpus() + " are not all online CPUs "
                    + topology.onlineCpus());
        }
        List<Integer> usable = ids(topology.usableNodes());
        if (usable.size() != expected.totalNodes()) {
            problems.add("usable nodes " + usable + ", expected all " + expected.totalNodes());
        }
        requireNone(problems);
        StringBuilder s = new StringBuilder(expected.describe()).append(" as expected:");
        for (NumaNode n : topology.nodes()) {
            s.append(" node").append(n.id()).append(" cpus ").append(n.cpus()).append(' ')
                    .append(n.hasMemory() ? (n.memTotalBytes() >> 20) + " MiB" : "memoryless").append(';');
        }
        s.append(" distances");
        for (int a : topology.nodeIds().toArray()) {
            s.append(' ');
            for (int b : topology.nodeIds().toArray()) {
                s.append(b == 0 ? "" : "/").append(topology.distance(a, b));
            }
        }
        return s.toString();
    }

    private String checkTopologyJson() {
        String json = TopologyJson.json(topology);
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        requireNone(expected.jsonDifferences(o));
        return "`numagen topology --json` output (TopologyJson.json) has " + expected.totalNodes()
                + " nodes, CPUs, hasMemory flags and the distance matrix as expected";
    }

    // ---- 2. pinning ------------------------------------------------------------------------------------------

    private String checkPinning(String strategy) {
        int threads = topology.allowedCpus().size();
        try (DataGenerator g = DataGenerator.create(CONFIG, threads,
                new NumaOptions(NumaMode.FORCE, strategy, false, false))) {
            CpuPlan plan = g.numaPlan().cpus().orElseThrow(() -> new CheckLog.Failure("FORCE " + strategy
                    + " made no CPU plan: " + g.numaPlan().describe()));
            int[] usable = usableIds();
            int[] perNode = Arrays.stream(usable).map(n -> topology.allowedCpusOf(n).size()).toArray();
            List<String> problems = new ArrayList<>(strategy.equals("scatter")
                    ? PlanExpectations.scatterProblems(plan.nodeOfWorker(), usable)
                    : PlanExpectations.compactProblems(plan.nodeOfWorker(), usable, perNode));
            List<WorkerLocation> at = g.workerLocations();
            problems.addAll(PlanExpectations.locationProblems(plan.cpuOfWorker(), plan.nodeOfWorker(), at));
            // A second look after the workers have run a job: pinning must hold, not just be right at start.
            g.generate(4L << 20).close();
            problems.addAll(PlanExpectations.locationProblems(plan.cpuOfWorker(), plan.nodeOfWorker(),
                    g.workerLocations()));
            requireNone(problems);
            return threads + " workers, plan cpus " + Arrays.toString(plan.cpuOfWorker()) + " nodes "
                    + Arrays.toString(plan.nodeOfWorker()) + "; getcpu: " + PlanExpectations.render(at);
        }
    }

    // ---- 3. first touch + pinning, and the OFF contrast ------------------------------------------------------

    private PlacementReport firstTouchReport;

    private String checkFirstTouch() {
        int threads = topology.allowedCpus().size();
        try (DataGenerator g = DataGenerator.create(CONFIG, threads, NumaOptions.auto());
             NativeBuffer buffer = g.generate(size)) {
            NumaPlan plan = g.numaPlan();
            require(plan.cpus().isPresent() && plan.firstTouch(), "AUTO on " + usableIds().length
                    + " usable nodes applied no pinning/first-touch: " + plan.describe());
            PlacementReport r = g.placement(buffer).orThrow();
            firstTouchReport = r;
            log.info("AUTO scatter first-touch, " + threads + " workers, " + (size >> 20) + " MiB: "
                    + plan.describe() + "\n" + r.render());
            List<String> problems = new ArrayList<>();
            if (r.untouchedPages() != 0 || r.failedPages() != 0) {
                problems.add(r.untouchedPages() + " untouched and " + r.failedPages() + " failed pages");
            }
            if (!(r.localShare() >= MIN_LOCAL)) {
                problems.add("local to writer " + pct(r.localShare()) + " < " + pct(MIN_LOCAL));
            }
            for (int n : usableIds()) {
                if (topology.node(n).map(NumaNode::hasMemory).orElse(false) && !(r.share(n) > 0)) {
                    problems.add("node " + n + " holds no page though a worker wrote from it");
                }
            }
            requireNone(problems);
            return "local to writer " + pct(r.localShare()) + "; " + shares(r);
        }
    }

    /**
     * The same as {@link #checkFirstTouch} for a size whose worker shares do not start on 2 MiB boundaries (the
     * buffer size minus 3 MiB). Where THP is "always", one first touch places a whole 2 MiB page, so a huge page
     * straddling two workers' shares would land on one of their nodes; the generator aligns shares to huge pages
     * (group {@code unaligned}; it failed at 95.9 % local before that).
     */
    private String checkFirstTouchUnaligned() {
        int threads = topology.allowedCpus().size();
        long len = Math.max(size - (3L << 20), 1L << 20);
        try (DataGenerator g = DataGenerator.create(CONFIG, threads, NumaOptions.auto());
             NativeBuffer buffer = g.generate(len)) {
            PlacementReport r = g.placement(buffer).orThrow();
            log.info("AUTO scatter first-touch, " + threads + " workers, " + len + " bytes (shares not 2 MiB "
                    + "multiples), buffer at 0x" + Long.toHexString(buffer.address()) + ", touch unit "
                    + g.numaPlan().touchUnit() + ":\n" + r.render());
            require(r.localShare() >= MIN_LOCAL, "local to writer " + pct(r.localShare()) + " < " + pct(MIN_LOCAL)
                    + " (THP " + topology.kernel().transparentHugepages() + "); " + shares(r));
            return "local to writer " + pct(r.localShare()) + "; " + shares(r);
        }
    }

    private String checkOffContrast() throws Exception {
        int threads = topology.allowedCpus().size();
        int node0 = 0;
        try (NativeBuffer buffer = NativeBuffer.allocate(size)) {
            CpuLocation toucher = onThreadPinnedToNode(node0, () -> {
                FirstTouch.touch(buffer, 0, size, pageSize, pageSize);
                return Affinity.location().orThrow();
            });
            require(toucher.node() == node0, "the pre-touch thread ran on node " + toucher.node() + ", not "
                    + node0);
            try (DataGenerator g = DataGenerator.create(CONFIG, threads, NumaOptions.off())) {
                require(!g.numaPlan().applied(), "mode OFF applied placement: " + g.numaPlan().describe());
                List<WorkerLocation> at = g.workerLocations();
                g.fill(buffer, 0);
                PlacementReport r = g.placement(buffer).orThrow();
                log.info("OFF, " + threads + " unpinned workers (" + PlanExpectations.render(at) + ", affinity "
                        + at.get(0).allowedCpus() + ") writing " + (size >> 20)
                        + " MiB pre-touched by a thread on node " + node0 + ":\n" + r.render());
                if (firstTouchReport != null) {
                    log.info("versus AUTO scatter first-touch (above):\n" + firstTouchReport.render());
                }
                List<String> problems = new ArrayList<>();
                if (!(r.share(node0) >= MIN_LOCAL)) {
                    problems.add("only " + pct(r.share(node0)) + " of the pre-touched pages on node " + node0);
                }
                for (WorkerLocation l : at) {
                    if (l.allowedCpus().size() < 2) {
                        problems.add("OFF worker " + l.worker() + " is pinned: " + l.allowedCpus());
                    }
                }
                if (firstTouchReport != null && firstTouchReport.placedPages() != firstTouchReport.pages()) {
                    problems.add("the pinned first-touch report has " + (firstTouchReport.pages()
                            - firstTouchReport.placedPages()) + " unplaced pages: nothing sound to contrast with");
                } else if (firstTouchReport != null && Math.abs(firstTouchReport.share(node0) - r.share(node0)) < 0.2) {
                    problems.add("placement does not differ from the pinned first-touch run: node " + node0
                            + " holds " + pct(r.share(node0)) + " vs " + pct(firstTouchReport.share(node0)));
                }
                requireNone(problems);
                return "OFF after node-0 pre-touch: " + shares(r) + ", local to writer " + pct(r.localShare())
                        + (firstTouchReport == null ? "" : "; pinned first-touch: " + shares(firstTouchReport)
                        + ", local " + pct(firstTouchReport.localShare()));
            }
        }
    }

    // ---- 4. explicit binding ---------------------------------------------------------------------------------

    private String checkBind() throws Exception {
        requireMemoryNodes(2);
        int target = 1;
        int toucherNode = 0;
        long len = Math.min(size, 16L << 20);
        try (NativeBuffer bound = NativeBuffer.allocate(len); NativeBuffer control = NativeBuffer.allocate(len)) {
            String binding = onThreadPinnedToNode(toucherNode, () -> {
                NodeBinding.Binding b = NodeBinding.bind(bound, 0, len, target, pageSize,
                        NodeBinding.Rounding.OUTWARD).orThrow();
                FirstTouch.touch(bound, 0, len, pageSize, pageSize);
                FirstTouch.touch(control, 0, len, pageSize, pageSize);
                return b.describe() + ", touched from cpu " + Affinity.location().orThrow().cpu();
            });
            List<WriterRange> writer = List.of(new WriterRange(0, len, toucherNode));
            PlacementReport r = PagePlacement.query(bound, pageSize, writer).orThrow();
            PlacementReport c = PagePlacement.query(control, pageSize, writer).orThrow();
            log.info("bound to node " + target + ", written from node " + toucherNode + ":\n" + r.render()
                    + "control, not bound, written from node " + toucherNode + ":\n" + c.render());
            List<String> problems = new ArrayList<>();
            if (r.share(target) != 1.0) {
                problems.add("bound region: " + shares(r) + ", expected 100 % on node " + target);
            }
            if (c.share(toucherNode) != 1.0) {
                problems.add("control region: " + shares(c) + ", expected 100 % on the toucher's node "
                        + toucherNode);
            }
            requireNone(problems);
            return binding + ": bound region " + shares(r) + "; unbound control " + shares(c);
        }
    }

    // ---- 5. numastat -------------------------------------------------------------------------------------

    private String checkNumastat() {
        requireMemoryNodes(2);
        int target = 1;
        Path nodeRoot = SYS.resolve("devices/system/node");
        if (!Files.isReadable(nodeRoot.resolve("node" + target).resolve("numastat"))) {
            throw new CheckLog.Skip("no " + nodeRoot + "/node" + target + "/numastat");
        }
        List<Integer> cpus = topology.allowedCpusOf(target).stream().boxed().toList();
        String cpuList = String.join(",", cpus.stream().map(String::valueOf).toList());
        try (DataGenerator g = DataGenerator.create(CONFIG, cpus.size(),
                new NumaOptions(NumaMode.FORCE, cpuList, false, false));
             NativeBuffer buffer = NativeBuffer.allocate(size)) {
            // Base pages, so numastat counts one allocation per page (a THP would count once per 2 MiB).
            NativeResult<Void> advice = Mmap.adviseHugePages(buffer.address(), size, false);
            NodeBinding.bind(buffer, 0, size, target, pageSize, NodeBinding.Rounding.OUTWARD).orThrow();
            List<WorkerLocation> at = g.workerLocations();
            NumaStat before = NumaStat.read(SYS);
            g.fill(buffer, 0);
            NumaStat delta = NumaStat.read(SYS).since(before);
            long pages = size / pageSize;
            PlacementReport r = g.placement(buffer).orThrow();
            log.info("workers pinned to node " + target + " (" + PlanExpectations.render(at) + "), " + pages
                    + " pages bound to node " + target + " (MADV_NOHUGEPAGE: " + (advice.isOk() ? "ok"
                    : advice.failure()) + ")\nnumastat deltas: " + NumaTraffic.render(delta) + "\n" + r.render());
            List<String> problems = new ArrayList<>(NumaTraffic.problems(delta, target, pages, 0.25));
            if (r.share(target) != 1.0) {
                problems.add("buffer " + shares(r) + ", expected all on node " + target);
            }
            CpuPlan plan = g.numaPlan().cpus().orElseThrow();
            problems.addAll(PlanExpectations.locationProblems(plan.cpuOfWorker(), plan.nodeOfWorker(), at));
            requireNone(problems);
            Map<String, Long> t = delta.nodes().get(target);
            Map<String, Long> other = delta.nodes().get(0);
            return pages + " pages written on node " + target + ": node " + target + " numa_hit +"
                    + t.get("numa_hit") + " local_node +" + t.get("local_node") + "; node 0 numa_hit +"
                    + (other == null ? "?" : other.get("numa_hit")) + " local_node +"
                    + (other == null ? "?" : other.get("local_node"));
        }
    }

    // ---- memoryless node ---------------------------------------------------------------------------------

    private String checkMemorylessGeneration() {
        int ml = expected.memorylessNode();
        if (ml < 0) {
            throw new CheckLog.Failure("--checks memoryless needs --expect-memoryless");
        }
        int threads = topology.allowedCpus().size();
        try (DataGenerator g = DataGenerator.create(CONFIG, threads, NumaOptions.force());
             NativeBuffer buffer = g.generate(size)) {
            CpuPlan plan = g.numaPlan().cpus().orElseThrow();
            PlacementReport r = g.placement(buffer).orThrow();
            log.info("FORCE scatter first-touch over nodes " + ids(topology.usableNodes()) + ", workers on nodes "
                    + Arrays.toString(plan.nodeOfWorker()) + ":\n" + r.render());
            List<String> problems = new ArrayList<>();
            if (Arrays.stream(plan.nodeOfWorker()).noneMatch(n -> n == ml)) {
                problems.add("no worker ran on memoryless node " + ml + ": " + Arrays.toString(plan.nodeOfWorker()));
            }
            if (r.share(ml) != 0.0) {
                problems.add("memoryless node " + ml + " holds " + pct(r.share(ml)) + " of the pages");
            }
            if (r.placedPages() != r.pages()) {
                problems.add(r.untouchedPages() + " untouched, " + r.failedPages() + " failed pages");
            }
            int cmp = 1 << 20;
            try (DataGenerator plain = DataGenerator.create(CONFIG, 1, NumaOptions.off());
                 NativeBuffer reference = plain.generate(cmp)) {
                if (buffer.slice(0, cmp).mismatch(reference.slice(0, cmp)) != -1) {
                    problems.add("the first MiB differs from a plain one-thread generation");
                }
            }
            requireNone(problems);
            return (size >> 20) + " MiB generated by " + threads + " workers (nodes "
                    + Arrays.toString(plan.nodeOfWorker()) + "), bytes match a plain run; node " + ml
                    + " holds 0 pages; " + shares(r) + ", local to writer " + pct(r.localShare());
        }
    }

    private String checkMemorylessBind() {
        int ml = expected.memorylessNode();
        require(ml >= 0, "--checks memoryless needs --expect-memoryless");
        try (NativeBuffer buffer = NativeBuffer.allocate(1 << 20)) {
            NativeResult<NodeBinding.Binding> r = NodeBinding.bind(buffer, 0, 1 << 20, ml, pageSize,
                    NodeBinding.Rounding.OUTWARD);
            require(!r.isOk(), "mbind to memoryless node " + ml + " succeeded: " + r);
            return "NodeBinding.bind to node " + ml + " refused: " + r.failure();
        }
    }

    // ---- 6. under numactl --cpunodebind=B --membind=B ------------------------------------------------------------

    private String checkNumactlTopology() {
        require(boundNode >= 0, "--checks numactl needs --bound-node N (the node numactl binds to)");
        List<String> problems = new ArrayList<>();
        List<Integer> usable = ids(topology.usableNodes());
        if (!usable.equals(List.of(boundNode))) {
            problems.add("usable nodes " + usable + ", expected [" + boundNode + "]");
        }
        if (!topology.allowedCpus().equals(expected.cpusOf(boundNode))) {
            problems.add("allowed CPUs " + topology.allowedCpus() + ", expected node " + boundNode + "'s "
                    + expected.cpusOf(boundNode));
        }
        // --membind sets the memory policy (set_mempolicy MPOL_BIND), inherited by every thread; it does not
        // change the cpuset's Mems_allowed, which is what Topology.allowedMemoryNodes reads.
        MemoryPolicy policy = Numa.threadPolicy().orThrow();
        if (policy.mode() != MemoryPolicy.Mode.BIND || !policy.nodes().equals(List.of(boundNode))) {
            problems.add("memory policy " + policy + ", expected BIND to node " + boundNode + " (--membind)");
        }
        if (!topology.nodeIds().equals(CpuSet.range(0, expected.totalNodes() - 1))) {
            problems.add("nodes " + topology.nodeIds() + ": numactl must not hide nodes, only restrict use");
        }
        requireNone(problems);
        return "all nodes " + topology.nodeIds() + " visible; usable " + usable + ", allowed CPUs "
                + topology.allowedCpus() + " (from " + topology.allowedSources() + "); thread memory policy "
                + policy + "; Topology.allowedMemoryNodes (cpuset Mems_allowed) " + topology.allowedMemoryNodes()
                + ": --membind is a policy, not a cpuset";
    }

    private String checkNumactlAuto() {
        require(boundNode >= 0, "--checks numactl needs --bound-node N");
        List<Integer> cpus = expected.cpusOf(boundNode).stream().boxed().toList();
        try (DataGenerator g = DataGenerator.create(CONFIG, cpus.size(), NumaOptions.auto())) {
            NumaPlan plan = g.numaPlan();
            List<String> problems = new ArrayList<>();
            if (plan.applied()) {
                problems.add("AUTO applied placement on one usable node: " + plan.describe());
            }
            if (plan.notes().stream().noneMatch(n -> n.contains("1 usable node"))) {
                problems.add("plan notes do not say why nothing is applied: " + plan.notes());
            }
            List<WorkerLocation> at = g.workerLocations();
            problems.addAll(PlanExpectations.confinedProblems(at, cpus, boundNode));
            long len = Math.min(size, 16L << 20);
            try (NativeBuffer buffer = g.generate(len)) {
                PlacementReport r = g.placement(buffer).orThrow();
                log.info("AUTO under numactl: " + plan.describe() + "\nworkers " + PlanExpectations.render(at)
                        + "\n" + r.render());
                if (r.share(boundNode) != 1.0) {
                    problems.add("generated buffer " + shares(r) + ", expected all on node " + boundNode
                            + " (--membind)");
                }
                problems.addAll(PlanExpectations.confinedProblems(g.workerLocations(), cpus, boundNode));
                requireNone(problems);
                return "plan not applied (" + plan.notes().get(0) + "); workers " + PlanExpectations.render(at)
                        + " each allowed " + at.get(0).allowedCpus() + "; buffer " + shares(r);
            }
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private void requireMemoryNodes(int n) {
        long withMemory = topology.nodes().stream().filter(NumaNode::hasMemory).count();
        if (withMemory < n) {
            throw new CheckLog.Failure("needs " + n + " nodes with memory, the topology has " + withMemory);
        }
    }

    /** Runs {@code body} on a new thread restricted to {@code node}'s CPUs (so nothing else inherits the pin). */
    private <T> T onThreadPinnedToNode(int node, java.util.concurrent.Callable<T> body) throws Exception {
        List<Integer> cpus = topology.allowedCpusOf(node).stream().boxed().toList();
        require(!cpus.isEmpty(), "no allowed CPU on node " + node);
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                Affinity.pin(cpus).orThrow();
                result.set(body.call());
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "numavm-node" + node);
        t.start();
        t.join();
        if (thrown.get() instanceof Exception e) {
            throw e;
        }
        if (thrown.get() instanceof Error e) {
            throw e;
        }
        return result.get();
    }

    private int[] usableIds() {
        return topology.usableNodes().stream().mapToInt(NumaNode::id).toArray();
    }

    private static List<Integer> ids(List<NumaNode> nodes) {
        return nodes.stream().map(NumaNode::id).toList();
    }

    private static String shares(PlacementReport r) {
        List<String> parts = new ArrayList<>();
        r.nodes().forEach(n -> parts.add("node" + n.node() + " " + pct(r.share(n.node()))));
        return String.join(" ", parts);
    }

    static String pct(double share) {
        return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.2f %%", share * 100);
    }

    /** The command line. */
    static final class Options {
        ExpectedTopology expected;
        Set<String> groups;
        long sizeMiB = 64;
        int boundNode = -1;

        static Options parse(String[] args) {
            Options o = new Options();
            int nodes = -1;
            int cpusPerNode = 2;
            boolean memoryless = false;
            String checks = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--expect-nodes" -> nodes = intArg(args, ++i, a);
                    case "--expect-memoryless" -> memoryless = true;
                    case "--cpus-per-node" -> cpusPerNode = intArg(args, ++i, a);
                    case "--checks" -> checks = strArg(args, ++i, a);
                    case "--size-mib" -> o.sizeMiB = intArg(args, ++i, a);
                    case "--bound-node" -> o.boundNode = intArg(args, ++i, a);
                    default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
                }
            }
            if (nodes < 1) {
                throw new IllegalArgumentException("--expect-nodes N (N >= 1) is required");
            }
            if (o.sizeMiB < 1) {
                throw new IllegalArgumentException("--size-mib must be >= 1");
            }
            o.expected = new ExpectedTopology(nodes, memoryless, cpusPerNode);
            o.groups = groups(checks, o.expected, o.boundNode);
            return o;
        }

        /** The groups asked for, or by default every group that applies to the expected topology. */
        static Set<String> groups(String checks, ExpectedTopology expected, int boundNode) {
            Set<String> out = new LinkedHashSet<>();
            if (checks == null) {
                if (boundNode >= 0) {
                    out.add("numactl");
                    return out;
                }
                out.addAll(List.of("topology", "pinning", "placement"));
                if (expected.memoryNodes() >= 2) {
                    out.addAll(List.of("contrast", "bind", "numastat"));
                }
                if (expected.memoryless()) {
                    out.add("memoryless");
                }
                return out;
            }
            for (String c : checks.split(",")) {
                String g = c.strip();
                if (!ALL_GROUPS.contains(g)) {
                    throw new IllegalArgumentException("unknown check group '" + g + "', expected one of "
                            + ALL_GROUPS);
                }
                out.add(g);
            }
            return out;
        }

        private static int intArg(String[] args, int i, String name) {
            String v = strArg(args, i, name);
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " needs a number, got '" + v + "'");
            }
        }

        private static String strArg(String[] args, int i, String name) {
            if (i >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return args[i];
        }
    }
}
