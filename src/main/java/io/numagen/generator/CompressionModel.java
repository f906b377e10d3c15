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
    /** Dense where the ratio changes fastest with the block size (small blocks), sparse where it has settled. */
    static final int[] BLOCK_SIZES = {4096, 8192, 12288, 16384, 20480, 24576, 28672, 32768, 40960, 49152, 65536,
            131072, 262144, 1 << 20, 4 << 20};
    static final double[] SHARES = {0.01, 0.02, 0.035, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8,
            0.9, 0.95, 1.0};
    static final double[][] RATIOS = {
            {6.0194, 6.0102, 6.0097, 5.9953, 5.9444, 5.7662, 4.8870, 3.9124, 2.7292, 2.1088, 1.8544, 1.5602,
                    1.3478, 1.1820, 1.0450, 1.0047, 1},
            {10.2372, 10.2226, 10.1739, 9.9425, 8.8488, 7.4359, 5.3832, 4.2075, 2.9301, 2.2490, 1.8992, 1.6007,
                    1.3802, 1.2122, 1.0721, 1.0115, 1},
            {13.4040, 13.3821, 13.0515, 11.9075, 9.4650, 7.6475, 5.5234, 4.3162, 3.0053, 2.3025, 1.9182, 1.6139,
                    1.3912, 1.2225, 1.0787, 1.0146, 1},
            {15.7729, 15.6788, 14.5710, 12.4970, 9.6014, 7.7643, 5.6109, 4.3850, 3.0466, 2.3306, 1.9259, 1.6212,
                    1.3971, 1.2276, 1.0812, 1.0140, 1},
            {17.7682, 17.4984, 15.3255, 12.7083, 9.7137, 7.8520, 5.6686, 4.4294, 3.0767, 2.3482, 1.9300, 1.6255,
                    1.4017, 1.2304, 1.0820, 1.0124, 1},
            {19.1828, 18.6135, 15.6110, 12.7862, 9.7818, 7.9032, 5.7068, 4.4525, 3.0950, 2.3631, 1.9360, 1.6287,
                    1.4039, 1.2324, 1.0821, 1.0113, 1},
            {20.4183, 19.3544, 15.7379, 12.8561, 9.8294, 7.9506, 5.7339, 4.4757, 3.1085, 2.3720, 1.9402, 1.6313,
                    1.4058, 1.2342, 1.0824, 1.0098, 1},
            {21.4160, 19.8384, 15.7964, 12.9071, 9.8735, 7.9751, 5.7557, 4.4912, 3.1171, 2.3780, 1.9423, 1.6321,
                    1.4071, 1.2356, 1.0821, 1.0086, 1},
            {22.8174, 20.2967, 15.8825, 12.9773, 9.9303, 8.0176, 5.7852, 4.5127, 3.1304, 2.3875, 1.9453, 1.6365,
                    1.4091, 1.2371, 1.0821, 1.0071, 1},
            {23.7144, 20.4626, 15.9465, 13.0346, 9.9684, 8.0446, 5.8024, 4.5273, 3.1399, 2.3940, 1.9471, 1.6387,
                    1.4103, 1.2383, 1.0812, 1.0059, 1},
            {24.7276, 20.6007, 16.0445, 13.1161, 10.0168, 8.0877, 5.8300, 4.5469, 3.1516, 2.4023, 1.9499, 1.6405,
                    1.4133, 1.2396, 1.0775, 1.0043, 1},
            {25.5249, 20.7978, 16.1874, 13.2234, 10.1062, 8.1541, 5.8717, 4.5774, 3.1713, 2.4141, 1.9533, 1.6438,
                    1.4152, 1.2426, 1.0715, 1.0009, 1},
            {25.3054, 20.6058, 16.0692, 13.1446, 10.0771, 8.1471, 5.8743, 4.5827, 3.1765, 2.4194, 1.9537, 1.6448,
                    1.4163, 1.2434, 1.0650, 1.0011, 1},
            {25.4122, 20.2657, 15.5381, 12.6476, 9.7603, 7.9581, 5.7876, 4.5341, 3.1550, 2.4081, 1.9459, 1.6400,
                    1.4140, 1.2420, 1.0912, 1.0067, 1},
            {25.4066, 20.1528, 15.3797, 12.5468, 9.6899, 7.9099, 5.7650, 4.5227, 3.1499, 2.4051, 1.9445, 1.6386,
                    1.4132, 1.2415, 1.0987, 1.0164, 1}};

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
