package io.numagen.generator;

/**
 * How many literal bytes a block needs for zstd (level 3, per block) to reach a given ratio: the compressed size is
 * about one byte per literal plus a cost per copy.
 */
final class CompressionModel {
    /**
     * Bytes a zstd/LZ4-class compressor spends per match (offset, length, sequence header), calibrated with zstd
     * level 3 on 1 MiB blocks.
     */
    static final double MATCH_COST = 7.0;

    private CompressionModel() {
    }

    /** Literal bytes per copied byte for {@code ratio}; 0 (no copies at all) for incompressible data. */
    static double literalsPerCopiedByte(double ratio, int blockSize) {
        if (ratio == 1) {
            return 0;
        }
        double meanCopy = BlockWriter.MIN_COPY + (BlockWriter.COPY_SPREAD - 1) / 2.0;
        double perByteMatchCost = MATCH_COST / meanCopy;
        // Solve literal + (1 - literal) * perByteMatchCost = 1 / ratio for the literal share.
        double literalShare = (1 / ratio - perByteMatchCost) / (1 - perByteMatchCost);
        literalShare = Math.max(literalShare, 0.01);
        return literalShare / (1 - literalShare);
    }
}
