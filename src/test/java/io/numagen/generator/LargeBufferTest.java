package io.numagen.generator;

import io.numagen.memory.NativeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Beyond 2 GiB: one buffer, addressed through several ByteBuffer slices, still holds exactly the stream's bytes. */
@Tag("slow")
class LargeBufferTest {

    @Test
    void moreThanTwoGiBRoundTrip() {
        long size = (5L << 29) + 4096 + 17; // 2.5 GiB and a cut block
        GeneratorConfig config = new GeneratorConfig(1 << 20, 2, 1, 77);
        try (DataGenerator g = DataGenerator.create(config, 2); NativeBuffer big = g.generate(size)) {
            assertEquals(size, big.length());
            DataStream stream = g.stream(size);
            for (long at : new long[] {0, (1L << 31) - 1000, (1L << 31) + 12345, size - 5000}) {
                int n = (int) Math.min(8000, size - at);
                ByteBuffer expected = ByteBuffer.allocateDirect(n);
                stream.position(at).fill(expected);
                assertArrayEquals(GeneratorTestSupport.bytes(expected.flip()),
                        GeneratorTestSupport.bytes(big, at, n), "bytes at " + at);
            }
        }
    }
}
