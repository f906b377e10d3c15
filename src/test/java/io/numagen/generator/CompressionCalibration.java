package io.numagen.generator;

import com.github.luben.zstd.Zstd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Measures {@link CompressionModel#RATIOS}: the zstd ratio (level 3, one frame per block, as {@code verify} and
 * {@code CompressionModelTest} measure it) of this generator's blocks at every literal share of
 * {@link CompressionModel#SHARES} and every block size of {@link CompressionModel#BLOCK_SIZES}, 16 MiB of blocks a
 * point, printed as the Java table to paste into {@link CompressionModel}. Run by
 * {@code scripts/calibrate-compression.sh} whenever the block format changes.
 */
public final class CompressionCalibration {
    private static final long SAMPLE_BYTES = 16L << 20;
    private static final int LEVEL = 3;
    private static final long SEED = 1;

    private CompressionCalibration() {
    }

    public static void main(String[] args) {
        int[] sizes = CompressionModel.BLOCK_SIZES;
        double[][] rows = new double[sizes.length][];
        IntStream.range(0, sizes.length).parallel().forEach(i -> rows[i] = row(sizes[i]));
        StringBuilder out = new StringBuilder("    static final double[][] RATIOS = {\n");
        for (int i = 0; i < rows.length; i++) {
            out.append("            {");
            for (int j = 0; j < rows[i].length; j++) {
                String value = rows[i][j] == 1 ? "1" : String.format(Locale.ROOT, "%.4f", rows[i][j]);
                out.append(j == 0 ? "" : j % 12 == 0 ? ",\n                    " : ", ").append(value);
            }
            out.append(i == rows.length - 1 ? "}};\n" : "},\n");
        }
        System.out.print(out);
    }

    private static double[] row(int blockSize) {
        double[] shares = CompressionModel.SHARES;
        double[] ratios = new double[shares.length];
        for (int j = 0; j < shares.length; j++) {
            ratios[j] = shares[j] >= 1 ? 1 : ratio(blockSize, shares[j] / (1 - shares[j]));
        }
        return ratios;
    }

    /** zstd's ratio over SAMPLE_BYTES of consecutive blocks at this literal share. */
    static double ratio(int blockSize, double literalsPerCopiedByte) {
        BlockWriter writer = new BlockWriter(blockSize, SEED, literalsPerCopiedByte, Kernel.SCALAR);
        ByteBuffer block = ByteBuffer.allocateDirect(blockSize).order(ByteOrder.LITTLE_ENDIAN);
        byte[] plain = new byte[blockSize];
        byte[] packed = new byte[(int) Zstd.compressBound(blockSize)];
        long blocks = Math.max(1, SAMPLE_BYTES / blockSize);
        long compressed = 0;
        for (long b = 0; b < blocks; b++) {
            writer.write(block, 0, b);
            block.get(0, plain);
            compressed += Zstd.compressByteArray(packed, 0, packed.length, plain, 0, blockSize, LEVEL);
        }
        return (double) blocks * blockSize / compressed;
    }
}
