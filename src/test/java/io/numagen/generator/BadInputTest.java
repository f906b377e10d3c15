package io.numagen.generator;

import io.numagen.exec.WorkerPool;
import io.numagen.memory.NativeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every bad value is refused before work starts, with a message naming the value and the allowed range. */
class BadInputTest {

    private static String message(Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    @Test
    void ratios() {
        assertEquals("dedup ratio must be a number from 1 to 1000000 (N:1; fractions allowed), got 0.5",
                message(() -> new GeneratorConfig(4096, 0.5, 1, 0)));
        assertEquals("compress ratio must be a number from 1 to 11.3 for 4096-byte blocks (N:1; fractions allowed; "
                        + "the most zstd level 3 makes of this data at that block size, 44.4 for 4 MiB and larger), "
                        + "got NaN",
                message(() -> new GeneratorConfig(4096, 1, Double.NaN, 0)));
        assertEquals("dedup ratio must be a number from 1 to 1000000 (N:1; fractions allowed), got Infinity",
                message(() -> new GeneratorConfig(4096, Double.POSITIVE_INFINITY, 1, 0)));
    }

    @Test
    void blockSize() {
        assertEquals("block size must be a multiple of 4 KiB from 4096 to 1073741824 bytes, got 5000",
                message(() -> new GeneratorConfig(5000, 1, 1, 0)));
        assertEquals("block size must be a multiple of 4 KiB from 4096 to 1073741824 bytes, got 2147483648",
                message(() -> GeneratorConfig.blockSize(1L << 31)));
    }

    @Test
    void threads() {
        assertEquals("threads must be in 1..4096, got 0", message(() -> new WorkerPool(0, "x")));
        assertEquals("threads must be in 1..4096, got 100000", message(() -> new WorkerPool(100_000, "x")));
    }

    @Test
    void sizes() {
        assertEquals("size must be a whole number of bytes from 1 to 9223372036854775807, got '0'",
                message(() -> ByteSize.parse("0")));
        assertEquals("size must be a whole number of bytes from 1 to 9223372036854775807, got '-5'",
                message(() -> ByteSize.parse("-5")));
        assertEquals("size '12 parsecs' is not a byte count: use a number of bytes or a number with a "
                + "KiB/MiB/GiB/TiB or KB/MB/GB/TB suffix, e.g. 64MiB", message(() -> ByteSize.parse("12 parsecs")));
        assertEquals("buffer length must be > 0 bytes, got -1", message(() -> NativeBuffer.allocate(-1)));
        assertEquals(10L << 30, ByteSize.parse("10GiB"));
        assertEquals(10_000_000_000L, ByteSize.parse("10GB"));
        assertEquals(1536, ByteSize.parse("1.5KiB"));
    }

    @Test
    void callerBuffers() {
        try (DataGenerator g = DataGenerator.create(GeneratorConfig.of(1), 1)) {
            assertEquals("fill size must be from 1 to the buffer's 100 remaining bytes, got 101",
                    message(() -> g.fill(ByteBuffer.allocateDirect(100), 101)));
            assertEquals("buffer must be writable, got a read-only buffer",
                    message(() -> g.fill(ByteBuffer.allocateDirect(100).asReadOnlyBuffer())));
            assertEquals("stream size must be ≥ 1 byte, got 0", message(() -> g.stream(0)));
        }
    }
}
