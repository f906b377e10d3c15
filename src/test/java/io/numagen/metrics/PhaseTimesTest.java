package io.numagen.metrics;

import io.numagen.exec.NumaOptions;
import io.numagen.generator.DataGenerator;
import io.numagen.generator.GeneratorConfig;
import io.numagen.memory.FirstTouch;
import io.numagen.memory.NativeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhaseTimesTest {
    private static final int SIZE = 4 << 20;

    @AfterEach
    void stopRecording() {
        PhaseTimes.record(false);
    }

    @Test
    void mapTouchAndUnmapOfFreshMemoryAreOneSpanEachWithTheirCpuTime() {
        PhaseTimes.record(true);
        PhaseTotals before = PhaseTimes.snapshot();
        NativeBuffer buffer = NativeBuffer.allocate(SIZE);
        FirstTouch.touch(buffer, 0, SIZE, 4096, 4096);
        buffer.close();
        PhaseTotals d = PhaseTimes.snapshot().since(before);
        for (Phase p : new Phase[] {Phase.MAP, Phase.TOUCH, Phase.UNMAP}) {
            assertEquals(1, d.spans(p), p.label());
            assertTrue(d.wallNanos(p) > 0, p.label());
        }
        assertEquals(0, d.spans(Phase.WRITE));
        assertEquals(0, d.spans(Phase.BIND));
        assertEquals(3, d.spans());
        assertNull(d.cpuUnavailableReason(), "getrusage works on Linux");
        assertTrue(d.hasCpu(Phase.TOUCH));
        // 1024 page faults take CPU time; the kernel keeps its total exact (the user/kernel split is sampled).
        assertTrue(d.userNanos(Phase.TOUCH) + d.systemNanos(Phase.TOUCH) > 0);
    }

    @Test
    void nothingIsRecordedWhileOff() {
        PhaseTotals before = PhaseTimes.snapshot();
        NativeBuffer buffer = NativeBuffer.allocate(SIZE);
        FirstTouch.touch(buffer, 0, SIZE, 4096, 4096);
        buffer.close();
        assertFalse(PhaseTimes.recording());
        assertEquals(0, PhaseTimes.snapshot().since(before).spans());
    }

    @Test
    void aSpanBegunWhileOffIsNotRecordedWhenRecordingStartsBeforeItEnds() {
        PhaseTotals before = PhaseTimes.snapshot();
        PhaseClock clock = PhaseTimes.begin();
        PhaseTimes.record(true);
        clock.end(Phase.WRITE);
        assertEquals(0, PhaseTimes.snapshot().since(before).spans());
    }

    @Test
    void generateHasOneWriteSpanPerWorkerAndPrefaultTouchesWithoutWriting() {
        int threads = 2;
        GeneratorConfig config = new GeneratorConfig(GeneratorConfig.DEFAULT_BLOCK_SIZE, 1, 1, 42);
        try (DataGenerator g = DataGenerator.create(config, threads, NumaOptions.off())) {
            PhaseTimes.record(true);
            PhaseTotals before = PhaseTimes.snapshot();
            g.generate(SIZE).close();
            PhaseTotals generated = PhaseTimes.snapshot().since(before);
            assertEquals(1, generated.spans(Phase.MAP));
            assertEquals(threads, generated.spans(Phase.WRITE));
            assertEquals(0, generated.spans(Phase.TOUCH), "mode off: the writes take the faults");
            assertEquals(1, generated.spans(Phase.UNMAP));

            before = PhaseTimes.snapshot();
            try (NativeBuffer placed = g.prefault(SIZE)) {
                PhaseTotals prefaulted = PhaseTimes.snapshot().since(before);
                assertEquals(threads, prefaulted.spans(Phase.TOUCH), "each worker touches its own share");
                assertEquals(0, prefaulted.spans(Phase.WRITE));
                ByteBuffer bytes = placed.slice(0, SIZE);
                for (int i = 0; i < SIZE; i += 4093) {
                    assertEquals(0, bytes.get(i), "nothing generated at " + i);
                }
            }
        }
    }
}
