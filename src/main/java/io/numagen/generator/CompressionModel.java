package io.numagen.generator;

/**
 * Which share of a block must stay literal for zstd (level 3, one frame per block) to reach a given ratio, and the
 * most it reaches at a block size.
 *
 * <p>Measured, not derived: {@link #RATIOS} holds the zstd ratio (zstd 1.5.7 through zstd-jni, 16 MiB of blocks per
 * point) of this generator's blocks at each literal share in {@link #SHARES} and each block size in
 * {@link #BLOCK_SIZES}. A per-copy cost model missed by up to 20 % at small blocks (zstd's per-block tables and
 * headers) and 5 % at large ones (zstd's hash table misses some copies). The compressed fraction 1/ratio is close to
 * linear in the literal share, so a target is inverted by linear interpolation of 1/ratio within a row, and between
 * rows in log2(block size). Shares below 1 % are not used: there the ratio stops depending smoothly on the share
 * (copies of copies let zstd find longer matches than were written). The table is part of the byte format: changing it
 * changes bytes ({@link GeneratorConfig#FORMAT_VERSION}). {@code CompressionModelTest} checks every accepted ratio
 * against zstd.
 */
final class CompressionModel {
    static final int[] BLOCK_SIZES = {4096, 8192, 16384, 32768, 65536, 131072, 262144, 1 << 20, 4 << 20};
    static final double[] SHARES = {0.01, 0.02, 0.035, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8,
            0.9, 0.95, 1.0};
    static final double[][] RATIOS = {
            {8.7024, 8.6976, 8.6650, 8.4747, 7.6354, 6.5615, 4.9491, 3.9562, 2.8217, 2.2007, 1.8716, 1.5777, 1.3659,
                    1.2037, 1.0724, 1.0147, 1},
            {12.2085, 12.1286, 11.3528, 9.9998, 8.0633, 6.7498, 5.0888, 4.0795, 2.9249, 2.2802, 1.8995, 1.5986,
                    1.3824, 1.2187, 1.0859, 1.0233, 1},
            {15.0931, 14.1733, 11.9657, 10.2493, 8.2777, 6.9338, 5.2264, 4.1851, 2.9904, 2.3236, 1.9153, 1.6115,
                    1.3923, 1.2265, 1.0921, 1.0221, 1},
            {16.8246, 14.7486, 12.2747, 10.4918, 8.4613, 7.0762, 5.3175, 4.2525, 3.0320, 2.3505, 1.9261, 1.6197,
                    1.3987, 1.2310, 1.0932, 1.0162, 1},
            {17.1236, 14.8908, 12.3841, 10.5941, 8.5338, 7.1344, 5.3621, 4.2871, 3.0534, 2.3644, 1.9318, 1.6243,
                    1.4018, 1.2340, 1.0940, 1.0080, 1},
            {17.2902, 14.9942, 12.4495, 10.6349, 8.5658, 7.1624, 5.3808, 4.3027, 3.0633, 2.3715, 1.9347, 1.6257,
                    1.4033, 1.2357, 1.0900, 1.0024, 1},
            {17.0421, 14.7748, 12.3022, 10.5365, 8.5040, 7.1267, 5.3689, 4.2969, 3.0635, 2.3727, 1.9347, 1.6260,
                    1.4038, 1.2362, 1.0944, 1.0041, 1},
            {17.1151, 14.6630, 12.0287, 10.2082, 8.2343, 6.9251, 5.2505, 4.2225, 3.0302, 2.3577, 1.9251, 1.6196,
                    1.3997, 1.2335, 1.0971, 1.0138, 1},
            {17.1282, 14.5854, 11.9264, 10.1216, 8.1641, 6.8776, 5.2219, 4.2052, 3.0230, 2.3544, 1.9230, 1.6180,
                    1.3987, 1.2334, 1.0983, 1.0314, 1}};

    private CompressionModel() {
    }

    /** The highest compress ratio accepted for this block size (one decimal, rounded down). */
    static double maxRatio(int blockSize) {
        return Math.floor(10 * acrossRows(blockSize, row -> RATIOS[row][0])) / 10;
    }

    /** Literal bytes per copied byte for {@code ratio} (at most {@link #maxRatio}); 0 (no copies) at ratio 1. */
    static double literalsPerCopiedByte(double ratio, int blockSize) {
        if (ratio == 1) {
            return 0;
        }
        double share = acrossRows(blockSize, row -> shareInRow(row, ratio));
        return share / (1 - share);
    }

    private static double shareInRow(int row, double ratio) {
        double[] r = RATIOS[row];
        if (ratio >= r[0]) {
            return SHARES[0];
        }
        int j = 0;
        while (r[j + 1] > ratio) {
            j++;
        }
        double t = (1 / ratio - 1 / r[j]) / (1 / r[j + 1] - 1 / r[j]);
        return SHARES[j] + t * (SHARES[j + 1] - SHARES[j]);
    }

    /** A row's value interpolated in log2(block size); the end rows hold beyond the table. */
    private static double acrossRows(int blockSize, java.util.function.IntToDoubleFunction rowValue) {
        int last = BLOCK_SIZES.length - 1;
        if (blockSize >= BLOCK_SIZES[last]) {
            return rowValue.applyAsDouble(last);
        }
        int row = 0;
        while (BLOCK_SIZES[row + 1] <= blockSize) {
            row++;
        }
        double lo = rowValue.applyAsDouble(row);
        if (blockSize == BLOCK_SIZES[row]) {
            return lo;
        }
        // StrictMath: the share decides bytes, so it must be the same on every JVM and CPU.
        double t = (StrictMath.log(blockSize) - StrictMath.log(BLOCK_SIZES[row]))
                / (StrictMath.log(BLOCK_SIZES[row + 1]) - StrictMath.log(BLOCK_SIZES[row]));
        return lo + t * (rowValue.applyAsDouble(row + 1) - lo);
    }
}
