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
            {11.3728, 10.0718, 8.6384, 7.5351, 6.3359, 5.4646, 4.3187, 3.5836, 2.6924, 2.1656, 1.8597, 1.5672,
                    1.3565, 1.1933, 1.0672, 1.0087, 1},
            {16.6284, 13.8570, 11.2131, 9.4696, 7.5748, 6.3588, 4.8229, 3.8927, 2.8348, 2.2271, 1.8966, 1.5926,
                    1.3746, 1.2086, 1.0724, 1.0107, 1},
            {20.7288, 16.5252, 12.8211, 10.5332, 8.2100, 6.7708, 5.0351, 4.0304, 2.8660, 2.2490, 1.9122, 1.6023,
                    1.3787, 1.2112, 1.0644, 1.0070, 1},
            {23.4950, 17.9672, 13.6401, 11.0587, 8.5323, 6.9903, 5.1560, 4.1028, 2.9166, 2.2785, 1.9217, 1.6103,
                    1.3853, 1.2164, 1.0607, 1.0070, 1},
            {26.3406, 19.6965, 14.4205, 11.5165, 8.7488, 7.0722, 5.1706, 4.0690, 2.9035, 2.2679, 1.9221, 1.6079,
                    1.3819, 1.2097, 1.0452, 1.0037, 1},
            {28.2212, 20.6445, 15.0272, 11.9497, 9.0021, 7.2462, 5.2652, 4.1250, 2.9393, 2.2773, 1.9301, 1.6134,
                    1.3879, 1.2119, 1.0423, 1.0042, 1},
            {29.6823, 21.2289, 15.2895, 12.1253, 9.1125, 7.3110, 5.2978, 4.1659, 2.9633, 2.2980, 1.9350, 1.6176,
                    1.3906, 1.2129, 1.0401, 1.0044, 1},
            {30.5190, 21.6923, 15.5166, 12.3188, 9.1899, 7.4319, 5.3454, 4.2036, 2.9785, 2.3102, 1.9359, 1.6208,
                    1.3927, 1.2103, 1.0384, 1.0040, 1},
            {33.1118, 23.4126, 16.5286, 12.9817, 9.6509, 7.7288, 5.5190, 4.3128, 3.0321, 2.3407, 1.9491, 1.6262,
                    1.3983, 1.2127, 1.0366, 1.0034, 1},
            {35.0893, 24.6583, 17.3038, 13.5033, 9.9514, 7.9516, 5.6469, 4.3988, 3.0674, 2.3634, 1.9542, 1.6322,
                    1.4017, 1.2136, 1.0345, 1.0035, 1},
            {37.6964, 26.4047, 18.4300, 14.2379, 10.4374, 8.2664, 5.8109, 4.4948, 3.1187, 2.3876, 1.9630, 1.6390,
                    1.4080, 1.2164, 1.0309, 1.0023, 1},
            {42.2549, 29.2030, 20.1438, 15.4427, 11.1477, 8.7496, 6.0608, 4.6552, 3.1933, 2.4311, 1.9735, 1.6495,
                    1.4161, 1.2210, 1.0217, 1.0003, 1},
            {43.6575, 30.4335, 20.9871, 16.0200, 11.5085, 8.9837, 6.1972, 4.7343, 3.2313, 2.4492, 1.9784, 1.6538,
                    1.4198, 1.2288, 1.0210, 1.0020, 1},
            {44.2435, 30.3965, 21.0104, 16.0879, 11.5684, 9.0341, 6.2476, 4.7658, 3.2466, 2.4549, 1.9778, 1.6535,
                    1.4208, 1.2359, 1.0755, 1.0108, 1},
            {44.4101, 30.4081, 21.0130, 16.1208, 11.5980, 9.0544, 6.2616, 4.7728, 3.2476, 2.4577, 1.9777, 1.6537,
                    1.4210, 1.2411, 1.0952, 1.0297, 1}};

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
