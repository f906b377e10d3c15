package io.numagen.generator;

import io.numagen.memory.NativeBuffer;

import java.nio.ByteBuffer;

/** Reading generated native memory back into arrays for byte-exact comparisons. */
final class GeneratorTestSupport {
    private GeneratorTestSupport() {
    }

    static byte[] oneShot(GeneratorConfig config, int threads, int size) {
        try (DataGenerator g = DataGenerator.create(config, threads); NativeBuffer b = g.generate(size)) {
            return bytes(b, 0, size);
        }
    }

    static byte[] bytes(NativeBuffer buffer, long offset, int size) {
        byte[] out = new byte[size];
        buffer.slice(offset, size).get(out);
        return out;
    }

    static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
