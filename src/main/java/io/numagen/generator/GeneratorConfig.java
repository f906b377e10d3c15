package io.numagen.generator;

import java.security.SecureRandom;

/**
 * What the data looks like; with the same config the output is the same bytes on any machine, thread count or
 * chunking.
 *
 * @param blockSize     bytes per block, the unit of dedup and of work splitting: a multiple of 4 KiB
 * @param dedupRatio    blocks / distinct blocks, ≥ 1 (1 = every block unique)
 * @param compressRatio original / compressed size zstd (level 3) achieves per block, from 1 (incompressible) to the
 *                      most that block size reaches (11.3 at 4 KiB, 37.6 at 64 KiB, 44.4 from 4 MiB up)
 * @param seed          the seed everything derives from
 */
public record GeneratorConfig(int blockSize, double dedupRatio, double compressRatio, long seed) {

    /**
     * The version of the byte format: which bytes a config produces. Bumped with every deliberate change of the
     * bytes (pinned by golden values in the tests); recorded in summaries and benchmark metadata. 2: 16 interleaved
     * xoshiro256++ streams per block, literals of compressible blocks taken from them. 3: compressible blocks take
     * their literal runs from the streams in order (no random bytes under copies) and copy 128..2168 bytes from
     * within 4 KiB, with a new zstd table.
     */
    public static final int FORMAT_VERSION = 3;

    public static final int PAGE = 4096;
    public static final int DEFAULT_BLOCK_SIZE = 1 << 20;
    /** Upper bound on block size: blocks are generated into per-worker scratch buffers of this size. */
    public static final int MAX_BLOCK_SIZE = 1 << 30;
    /** Beyond this, one block in a million is unique; larger ratios are typos rather than tests. */
    public static final double MAX_DEDUP_RATIO = 1_000_000;

    public GeneratorConfig {
        if (blockSize < PAGE || blockSize > MAX_BLOCK_SIZE || blockSize % PAGE != 0) {
            throw new IllegalArgumentException("block size must be a multiple of 4 KiB from " + PAGE + " to "
                    + MAX_BLOCK_SIZE + " bytes, got " + blockSize);
        }
        checkRatio("dedup", dedupRatio, MAX_DEDUP_RATIO);
        double maxCompress = CompressionModel.maxRatio(blockSize);
        if (!(compressRatio >= 1 && compressRatio <= maxCompress)) {
            throw new IllegalArgumentException("compress ratio must be a number from 1 to " + maxCompress + " for "
                    + blockSize + "-byte blocks (N:1; fractions allowed; the most zstd level 3 makes of this data at "
                    + "that block size, " + CompressionModel.maxRatio(MAX_BLOCK_SIZE) + " for 4 MiB and larger), got "
                    + compressRatio);
        }
    }

    /** Incompressible, unique 1 MiB blocks from the given seed. */
    public static GeneratorConfig of(long seed) {
        return new GeneratorConfig(DEFAULT_BLOCK_SIZE, 1, 1, seed);
    }

    /** A seed drawn from the OS entropy source; report it so the run can be reproduced. */
    public static long entropySeed() {
        return new SecureRandom().nextLong();
    }

    /** Validates a block size given as a long (e.g. parsed from "1MiB") and narrows it. */
    public static int blockSize(long bytes) {
        if (bytes < PAGE || bytes > MAX_BLOCK_SIZE || bytes % PAGE != 0) {
            throw new IllegalArgumentException("block size must be a multiple of 4 KiB from " + PAGE + " to "
                    + MAX_BLOCK_SIZE + " bytes, got " + bytes);
        }
        return (int) bytes;
    }

    public GeneratorConfig withBlockSize(int size) {
        return new GeneratorConfig(size, dedupRatio, compressRatio, seed);
    }

    public GeneratorConfig withDedup(double ratio) {
        return new GeneratorConfig(blockSize, ratio, compressRatio, seed);
    }

    public GeneratorConfig withCompress(double ratio) {
        return new GeneratorConfig(blockSize, dedupRatio, ratio, seed);
    }

    public GeneratorConfig withSeed(long newSeed) {
        return new GeneratorConfig(blockSize, dedupRatio, compressRatio, newSeed);
    }

    private static void checkRatio(String name, double ratio, double max) {
        if (!(ratio >= 1 && ratio <= max)) {
            throw new IllegalArgumentException(name + " ratio must be a number from 1 to " + (long) max
                    + " (N:1; fractions allowed), got " + ratio);
        }
    }
}
