package io.numagen.generator;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
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
}
