package io.numagen.topology;

import java.util.StringJoiner;

/**
 * Writes ascending ids as a short cpulist. Runs of consecutive ids become {@code A-B}, as the kernel writes them;
 * an arithmetic progression of three or more ids that is longer than the run at the same start becomes
 * {@code A-B:S} (a node of an interleaved machine, {@code 0,4,8,...,36}, prints as {@code 0-36:4}).
 *
 * <p>Greedy: it always covers the smallest id not yet written with the longest run or progression starting there,
 * so items come out in ascending order of their first id and {@link CpuSet#parseList} reads the text back to the
 * same set.
 */
final class CpuListFormat {

    /** Strides tried for progressions: enough for SMT-interleaved and socket-interleaved numbering. */
    private static final int MAX_STRIDE = 64;

    private CpuListFormat() {
    }

    static String format(int[] ascending) {
        boolean[] written = new boolean[ascending.length];
        StringJoiner out = new StringJoiner(",");
        for (int i = 0; i < ascending.length; i++) {
            if (written[i]) {
                continue;
            }
            int bestStride = 1;
            int bestCount = progressionLength(ascending, written, i, 1);
            for (int stride = 2; stride <= MAX_STRIDE; stride++) {
                int count = progressionLength(ascending, written, i, stride);
                if (count >= 3 && count > bestCount) {
                    bestStride = stride;
                    bestCount = count;
                }
            }
            out.add(item(ascending[i], bestCount, bestStride));
            markWritten(ascending, written, i, bestStride, bestCount);
        }
        return out.toString();
    }

    private static String item(int first, int count, int stride) {
        if (count == 1) {
            return Integer.toString(first);
        }
        int last = first + (count - 1) * stride;
        return first + "-" + last + (stride == 1 ? "" : ":" + stride);
    }

    /** How many unwritten ids {@code a[i], a[i]+stride, ...} are present, stopping at the first gap. */
    private static int progressionLength(int[] a, boolean[] written, int i, int stride) {
        int count = 1;
        int j = i;
        long want = (long) a[i] + stride;
        while (true) {
            while (j < a.length && a[j] < want) {
                j++;
            }
            if (j == a.length || a[j] != want || written[j]) {
                return count;
            }
            count++;
            want += stride;
        }
    }

    private static void markWritten(int[] a, boolean[] written, int i, int stride, int count) {
        long want = a[i];
        int j = i;
        for (int n = 0; n < count; n++) {
            while (a[j] < want) {
                j++;
            }
            written[j] = true;
            want += stride;
        }
    }
}
