package io.numagen.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes ascending ids as a short cpulist. Runs of two or more consecutive ids become {@code A-B}, exactly as the
 * kernel writes them. Ids standing alone are written one by one, except that three or more of them in a row with an
 * equal gap become {@code A-B:S}: a node of an interleaved machine, {@code 0,4,8,...,36}, prints as {@code 0-36:4}.
 * So the text is never longer than the kernel's own, and {@link CpuSet#parseList} reads it back to the same set.
 */
final class CpuListFormat {

    private CpuListFormat() {
    }

    /** One printed item: {@code count} ids from {@code first}, {@code stride} apart. */
    private record Item(int first, int count, int stride) {
        @Override
        public String toString() {
            if (count == 1) {
                return Integer.toString(first);
            }
            int last = first + (count - 1) * stride;
            return first + "-" + last + (stride == 1 ? "" : ":" + stride);
        }
    }

    static String format(int[] ascending) {
        List<Item> items = new ArrayList<>();
        List<Integer> loners = new ArrayList<>();
        int i = 0;
        while (i < ascending.length) {
            int j = i;
            while (j + 1 < ascending.length && ascending[j + 1] == ascending[j] + 1) {
                j++;
            }
            if (j > i) {
                items.add(new Item(ascending[i], j - i + 1, 1));
            } else {
                loners.add(ascending[i]);
            }
            i = j + 1;
        }
        items.addAll(progressions(loners));
        items.sort(Comparator.comparingInt(Item::first));
        return items.stream().map(Item::toString).collect(Collectors.joining(","));
    }

    /** Groups ascending loners into equal-gap progressions of three or more; the rest stay single. */
    private static List<Item> progressions(List<Integer> loners) {
        List<Item> items = new ArrayList<>();
        int i = 0;
        while (i < loners.size()) {
            int count = 1;
            if (i + 2 < loners.size()) {
                int gap = loners.get(i + 1) - loners.get(i);
                while (i + count < loners.size() && loners.get(i + count) - loners.get(i + count - 1) == gap) {
                    count++;
                }
                if (count >= 3) {
                    items.add(new Item(loners.get(i), count, gap));
                    i += count;
                    continue;
                }
            }
            items.add(new Item(loners.get(i), 1, 1));
            i++;
        }
        return items;
    }
}
