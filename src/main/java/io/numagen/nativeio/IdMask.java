package io.numagen.nativeio;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Pure encoding of CPU and node id sets as the kernel's bitmaps ({@code cpu_set_t}, {@code nodemask_t}): arrays of
 * 64-bit words, id {@code i} at bit {@code i % 64} of word {@code i / 64}. Also the "0-3,8" list text the kernel and
 * numactl print.
 */
public final class IdMask {
    private IdMask() {
    }

    /** The number of 64-bit words a mask holding ids {@code 0..bits-1} needs (at least one). */
    public static int words(int bits) {
        return Math.max(1, (bits + 63) >>> 6);
    }

    /**
     * The mask with {@code ids} set, {@code words} words long.
     *
     * @throws IllegalArgumentException if an id is negative or does not fit
     */
    public static long[] encode(Collection<Integer> ids, int words) {
        long[] mask = new long[words];
        for (int id : ids) {
            if (id < 0 || id >= words * 64) {
                throw new IllegalArgumentException("id " + id + " does not fit a mask of ids 0.." + (words * 64 - 1));
            }
            mask[id >>> 6] |= 1L << (id & 63);
        }
        return mask;
    }

    /** The ids set in {@code mask}, ascending. */
    public static List<Integer> decode(long[] mask) {
        List<Integer> ids = new ArrayList<>();
        for (int w = 0; w < mask.length; w++) {
            long bits = mask[w];
            while (bits != 0) {
                ids.add(w * 64 + Long.numberOfTrailingZeros(bits));
                bits &= bits - 1;
            }
        }
        return List.copyOf(ids);
    }

    /** Ascending ids as ranges, e.g. [0, 1, 2, 3, 8] as "0-3,8"; "" for none. */
    public static String format(List<Integer> ascending) {
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < ascending.size()) {
            int first = ascending.get(i);
            int last = first;
            while (i + 1 < ascending.size() && ascending.get(i + 1) == last + 1) {
                last = ascending.get(++i);
            }
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(first);
            if (last != first) {
                text.append('-').append(last);
            }
            i++;
        }
        return text.toString();
    }
}
