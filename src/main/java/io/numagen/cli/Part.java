package io.numagen.cli;

/**
 * Part {@code index} of {@code count} of one logical dataset ({@code generate --part K/N}). Parts are cut at block
 * boundaries, so each process generates whole blocks exactly as the single process would, and the N parts in order
 * concatenate to the single-process output byte for byte. K counts from 0, like SLURM_PROCID and NUMA node ids.
 */
record Part(int index, int count) {
    static final Part WHOLE = new Part(0, 1);
    static final int MAX_COUNT = 1 << 20;

    Part {
        if (count < 1 || count > MAX_COUNT || index < 0 || index >= count) {
            throw new IllegalArgumentException(rangeMessage(index + "/" + count));
        }
    }

    /** "K/N" as given on the command line. */
    static Part parse(String text) {
        String[] kn = text.trim().split("/", -1);
        if (kn.length != 2) {
            throw new IllegalArgumentException(rangeMessage(text));
        }
        try {
            return new Part(Integer.parseInt(kn[0].trim()), Integer.parseInt(kn[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(rangeMessage(text));
        }
    }

    private static String rangeMessage(String got) {
        return "--part must be K/N with N from 1 to " + MAX_COUNT + " and K from 0 to N-1, got '" + got + "'";
    }

    /** First byte of this part in a dataset of {@code size} bytes cut into blocks of {@code blockSize}. */
    long start(long size, int blockSize) {
        return boundary(index, size, blockSize);
    }

    /** One past the last byte of this part; equals {@link #start} when there are fewer blocks than parts. */
    long end(long size, int blockSize) {
        return boundary(index + 1, size, blockSize);
    }

    private long boundary(int i, long size, int blockSize) {
        long blocks = size / blockSize + (size % blockSize == 0 ? 0 : 1);
        // floor(blocks * i / count) without the product, which can pass 2^63.
        long firstBlock = blocks / count * i + blocks % count * i / count;
        return firstBlock >= blocks ? size : firstBlock * blockSize;
    }

    boolean isWhole() {
        return count == 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
