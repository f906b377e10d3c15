package io.numagen.generator;

import io.numagen.testing.FreshThread;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.numagen.generator.GeneratorTestSupport.oneShot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Heap buffers (byte[]) get the same bytes as native memory, written by the workers, not the caller. */
class HeapBufferTest {
    private static final GeneratorConfig CONFIG = new GeneratorConfig(8192, 1.5, 2, 99);

    @Test
    void heapFillMatchesTheOneShotOutput() {
        byte[] expected = oneShot(CONFIG, 2, 50_000);
        ByteBuffer heap = ByteBuffer.allocate(50_010).position(10);
        try (DataGenerator g = DataGenerator.create(CONFIG, 3)) {
            g.fill(heap);
        }
        assertEquals(10, heap.position());
        assertArrayEquals(expected, GeneratorTestSupport.bytes(heap));
    }

    @Test
    void fillOfASizeWritesExactlyThatMany() {
        byte[] expected = oneShot(CONFIG, 1, 30_000);
        for (ByteBuffer b : new ByteBuffer[] {ByteBuffer.allocate(40_000), ByteBuffer.allocateDirect(40_000)}) {
            try (DataGenerator g = DataGenerator.create(CONFIG, 2)) {
                g.fill(b, 30_000);
            }
            assertArrayEquals(expected, GeneratorTestSupport.bytes(b.duplicate().limit(30_000)));
            assertArrayEquals(new byte[10_000], GeneratorTestSupport.bytes(b.duplicate().position(30_000)));
        }
    }

    @Test
    void aHeapStreamChunkOfWholeBlocksIsWrittenByTheWorkers() throws Exception {
        Set<String> writers = ConcurrentHashMap.newKeySet();
        FreshThread.run(() -> {
            try (DataGenerator g = DataGenerator.create(CONFIG, 2)) {
                DataStream stream = g.stream(64 * 8192);
                ByteBuffer chunk = ByteBuffer.allocate(16 * 8192);
                byte[] all = new byte[64 * 8192];
                for (int at = 0; stream.hasRemaining(); at += chunk.capacity()) {
                    chunk.clear();
                    stream.fill(chunk);
                    chunk.flip().get(all, at, chunk.remaining());
                }
                assertArrayEquals(oneShot(CONFIG, 1, all.length), all);
                g.workerLocations().forEach(w -> writers.add("worker " + w.worker()));
            }
        });
        assertEquals(2, writers.size());
    }
}
