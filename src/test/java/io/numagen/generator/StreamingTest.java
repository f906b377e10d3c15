package io.numagen.generator;

import io.numagen.memory.NativeBuffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static io.numagen.generator.GeneratorTestSupport.oneShot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StreamingTest {
    private static final int SIZE = 5 * 65536 + 777;
    private static final GeneratorConfig CONFIG = new GeneratorConfig(65536, 2, 3, 11);

    @Test
    void chunksOfAnySizeConcatenateToTheOneShotBytes() {
        byte[] expected = oneShot(CONFIG, 2, SIZE);
        SplittableRandom sizes = new SplittableRandom(3);
        try (DataGenerator g = DataGenerator.create(CONFIG, 3)) {
            for (boolean direct : new boolean[] {true, false}) {
                DataStream stream = g.stream(SIZE);
                byte[] got = new byte[SIZE];
                int at = 0;
                int[] fixed = {1, 4095, 65536, 65536 * 2 + 3, 7};
                for (int i = 0; stream.hasRemaining(); i++) {
                    int chunk = i < fixed.length ? fixed[i] : 1 + sizes.nextInt(200_000);
                    ByteBuffer buf = direct ? ByteBuffer.allocateDirect(chunk) : ByteBuffer.allocate(chunk);
                    int n = stream.fill(buf);
                    assertEquals(Math.min(chunk, SIZE - at), n);
                    buf.flip().get(got, at, n);
                    at += n;
                }
                assertEquals(SIZE, at);
                assertEquals(0, stream.remaining());
                assertArrayEquals(expected, got, direct ? "direct chunks" : "heap chunks");
            }
        }
    }

    @Test
    void positionAndResetRepeatTheSameBytes() {
        byte[] expected = oneShot(CONFIG, 1, SIZE);
        try (DataGenerator g = DataGenerator.create(CONFIG, 2)) {
            DataStream stream = g.stream(SIZE);
            ByteBuffer buf = ByteBuffer.allocateDirect(100_000);
            stream.position(123_456).fill(buf);
            assertArrayEquals(java.util.Arrays.copyOfRange(expected, 123_456, 223_456),
                    GeneratorTestSupport.bytes(buf.flip()));
            stream.reset();
            assertEquals(0, stream.position());
            buf.clear();
            stream.fill(buf);
            assertArrayEquals(java.util.Arrays.copyOf(expected, 100_000), GeneratorTestSupport.bytes(buf.flip()));
            assertEquals(0, stream.position(SIZE).fill(ByteBuffer.allocate(10)), "nothing left at the end");
        }
    }

    @Test
    void positionOutsideTheStreamIsRejected() {
        try (DataGenerator g = DataGenerator.create(CONFIG, 1)) {
            DataStream stream = g.stream(SIZE);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> stream.position(SIZE + 1));
            assertEquals("stream position must be from 0 to " + SIZE + ", got " + (SIZE + 1), e.getMessage());
        }
    }

    @Test
    void pipedChunksConcatenateToTheOneShotBytesForAnyRingAndStart() throws Exception {
        byte[] expected = oneShot(CONFIG, 1, SIZE);
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 12; trial++) {
            int threads = 1 + trial % 3;
            int slots = 1 + random.nextInt(4);
            int chunk = trial < 4 ? 65536 * (1 + trial) : 1 + random.nextInt(3 * 65536);
            int from = trial % 2 == 0 ? 65536 * random.nextInt(3) : random.nextInt(SIZE);
            long bytes = trial % 3 == 0 ? Long.MAX_VALUE : random.nextInt(SIZE);
            int expectedLength = (int) Math.min(bytes, SIZE - from);
            String label = "threads " + threads + ", " + slots + " buffers of " + chunk + " bytes from " + from;
            try (DataGenerator g = DataGenerator.create(CONFIG, threads)) {
                List<NativeBuffer> ring = new ArrayList<>();
                for (int i = 0; i < slots; i++) {
                    ring.add(g.allocateChunk(chunk));
                }
                DataStream stream = g.stream(SIZE).position(from);
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                long piped = stream.pipe(ring, bytes, c -> {
                    byte[] b = new byte[c.remaining()];
                    c.get(b);
                    got.write(b);
                });
                assertEquals(expectedLength, piped, label);
                assertEquals(from + expectedLength, stream.position(), label);
                assertArrayEquals(Arrays.copyOfRange(expected, from, from + expectedLength), got.toByteArray(),
                        label);
                ring.forEach(NativeBuffer::close);
            }
        }
    }

    @Test
    void aFailingSinkStopsThePipeWithItsExceptionAndThePositionAfterWhatItTook() throws IOException {
        int chunk = 65536;
        try (DataGenerator g = DataGenerator.create(CONFIG, 2);
             NativeBuffer a = g.allocateChunk(chunk);
             NativeBuffer b = g.allocateChunk(chunk)) {
            DataStream stream = g.stream(SIZE);
            int[] calls = {0};
            IOException e = assertThrows(IOException.class, () -> stream.pipe(List.of(a, b), SIZE, c -> {
                if (++calls[0] == 3) {
                    throw new IOException("disk full");
                }
            }));
            assertEquals("disk full", e.getMessage());
            assertEquals(3, calls[0], "no chunk is handed over after the failure");
            assertEquals(2L * chunk, stream.position());
            // The pool is free again: the same generator goes on.
            assertEquals(SIZE - 2L * chunk, stream.pipe(List.of(a, b), SIZE, c -> { }));
        }
    }

    @Test
    void pipeRefusesBuffersOfDifferentLengthsAndAnEmptyRing() {
        try (DataGenerator g = DataGenerator.create(CONFIG, 1);
             NativeBuffer a = g.allocateChunk(65536);
             NativeBuffer b = g.allocateChunk(4096)) {
            DataStream stream = g.stream(SIZE);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> stream.pipe(List.of(a, b), SIZE, c -> { }));
            assertEquals("ring buffers must all be as long as the first (65536 bytes, at most "
                    + NativeBuffer.MAX_SLICE + "), got one of 4096", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> stream.pipe(List.of(), SIZE, c -> { }));
            assertEquals("a pipe needs at least 1 buffer, got none", e.getMessage());
            assertEquals(0, stream.position());
        }
    }
}
