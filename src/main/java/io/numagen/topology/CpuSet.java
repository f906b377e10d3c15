package io.numagen.topology;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;

/**
 * An immutable set of non-negative ids (CPU numbers, and also NUMA node numbers, which the kernel writes in the same
 * syntax), stored as a bitmap.
 *
 * <p>Reads the two kernel notations: cpulists ({@code 0-3,8,10-15:2}, as in {@code /sys/devices/system/cpu/online})
 * and hex masks of comma-separated 32-bit groups, most significant first ({@code ff,ffffffff}, as in
 * {@code Cpus_allowed:} of {@code /proc/self/status}). {@link #toString()} writes a cpulist back.
 */
public final class CpuSet implements Iterable<Integer> {

    /** Far above any real machine (Linux's CONFIG_NR_CPUS tops out at 8192), low enough to catch garbage. */
    public static final int MAX_ID = 1 << 20;

    private static final CpuSet EMPTY = new CpuSet(new long[0]);

    private final long[] words;

    private CpuSet(long[] words) {
        int used = words.length;
        while (used > 0 && words[used - 1] == 0) {
            used--;
        }
        this.words = used == words.length ? words : Arrays.copyOf(words, used);
    }

    public static CpuSet empty() {
        return EMPTY;
    }

    public static CpuSet of(int... ids) {
        Builder b = new Builder();
        for (int id : ids) {
            b.add(id, null, null);
        }
        return b.build();
    }

    /** The ids {@code from..to}, both included. */
    public static CpuSet range(int from, int to) {
        Builder b = new Builder();
        b.addRange(from, to, 1, null, null);
        return b.build();
    }

    public static CpuSet parseList(String text) {
        return parseList(text, null);
    }

    /**
     * Parses a cpulist: comma-separated items {@code N}, {@code A-B} or {@code A-B:S} (every S-th id from A to B).
     * Empty or blank text is the empty set; NUL bytes and surrounding whitespace (sysfs pads some files) are ignored.
     *
     * @param source where the text came from (a file), named in the error; may be null
     * @throws IllegalArgumentException naming the bad text and the source
     */
    public static CpuSet parseList(String text, String source) {
        String clean = clean(text);
        Builder b = new Builder();
        if (clean.isEmpty()) {
            return EMPTY;
        }
        for (String item : clean.split(",", -1)) {
            parseItem(item.trim(), clean, source, b);
        }
        return b.build();
    }

    private static void parseItem(String item, String whole, String source, Builder b) {
        String rangePart = item;
        int stride = 1;
        int colon = item.indexOf(':');
        if (colon >= 0) {
            rangePart = item.substring(0, colon);
            stride = parseId(item.substring(colon + 1), item, whole, source);
            if (stride < 1) {
                throw malformed("stride must be at least 1 in '" + item + "'", whole, source);
            }
        }
        int dash = rangePart.indexOf('-');
        if (dash < 0) {
            if (colon >= 0) {
                throw malformed("stride without a range in '" + item + "'", whole, source);
            }
            b.add(parseId(rangePart, item, whole, source), whole, source);
            return;
        }
        int from = parseId(rangePart.substring(0, dash), item, whole, source);
        int to = parseId(rangePart.substring(dash + 1), item, whole, source);
        if (to < from) {
            throw malformed("range '" + item + "' ends before it starts", whole, source);
        }
        b.addRange(from, to, stride, whole, source);
    }

    private static int parseId(String digits, String item, String whole, String source) {
        String d = digits.trim();
        if (d.isEmpty() || d.length() > 9 || !d.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw malformed("bad number in '" + item + "'", whole, source);
        }
        return Integer.parseInt(d);
    }

    public static CpuSet parseMask(String text) {
        return parseMask(text, null);
    }

    /**
     * Parses a hex mask such as {@code ff,ffffffff}: comma-separated groups of up to 8 hex digits, the most
     * significant group first, bit 0 of the last group being id 0. Empty or blank text is the empty set.
     *
     * @param source where the text came from (a file), named in the error; may be null
     * @throws IllegalArgumentException naming the bad text and the source
     */
    public static CpuSet parseMask(String text, String source) {
        String clean = clean(text);
        if (clean.isEmpty()) {
            return EMPTY;
        }
        String[] groups = clean.split(",", -1);
        if ((long) groups.length * 32 > MAX_ID) {
            throw malformed("mask has more than " + MAX_ID + " bits", clean, source);
        }
        long[] words = new long[(groups.length + 1) / 2];
        for (int g = 0; g < groups.length; g++) {
            String hex = groups[groups.length - 1 - g].trim();
            if (hex.isEmpty() || hex.length() > 8 || !hex.chars().allMatch(CpuSet::isHexDigit)) {
                throw malformed("bad hex group '" + hex + "'", clean, source);
            }
            long bits = Long.parseLong(hex, 16);
            words[g / 2] |= bits << (32 * (g % 2));
        }
        return new CpuSet(words);
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Sysfs and procfs files end in a newline and a few dumps carry a trailing NUL. */
    private static String clean(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no text to parse");
        }
        return text.replace('\0', ' ').strip();
    }

    private static IllegalArgumentException malformed(String what, String whole, String source) {
        return new IllegalArgumentException(
                what + (whole == null ? "" : ": '" + whole + "'") + (source == null ? "" : " in " + source));
    }

    public int size() {
        int n = 0;
        for (long w : words) {
            n += Long.bitCount(w);
        }
        return n;
    }

    public boolean isEmpty() {
        return words.length == 0;
    }

    public boolean contains(int id) {
        if (id < 0) {
            return false;
        }
        int w = id >>> 6;
        return w < words.length && (words[w] & (1L << id)) != 0;
    }

    /** The smallest id, or -1 if empty. */
    public int first() {
        return next(0);
    }

    /** The smallest id at or above {@code from}, or -1. */
    public int next(int from) {
        int w = Math.max(from, 0) >>> 6;
        if (w >= words.length) {
            return -1;
        }
        long word = words[w] & (-1L << from);
        while (true) {
            if (word != 0) {
                return w * 64 + Long.numberOfTrailingZeros(word);
            }
            if (++w == words.length) {
                return -1;
            }
            word = words[w];
        }
    }

    public CpuSet intersect(CpuSet other) {
        long[] out = new long[Math.min(words.length, other.words.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = words[i] & other.words[i];
        }
        return new CpuSet(out);
    }

    public CpuSet union(CpuSet other) {
        long[] out = Arrays.copyOf(words, Math.max(words.length, other.words.length));
        for (int i = 0; i < other.words.length; i++) {
            out[i] |= other.words[i];
        }
        return new CpuSet(out);
    }

    public CpuSet minus(CpuSet other) {
        long[] out = words.clone();
        for (int i = 0; i < Math.min(out.length, other.words.length); i++) {
            out[i] &= ~other.words[i];
        }
        return new CpuSet(out);
    }

    public boolean intersects(CpuSet other) {
        return !intersect(other).isEmpty();
    }

    public boolean containsAll(CpuSet other) {
        return other.minus(this).isEmpty();
    }

    /** The ids in ascending order. */
    public IntStream stream() {
        return IntStream.iterate(first(), id -> id >= 0, id -> next(id + 1));
    }

    public int[] toArray() {
        return stream().toArray();
    }

    @Override
    public Iterator<Integer> iterator() {
        return new Iterator<>() {
            private int nextId = first();

            @Override
            public boolean hasNext() {
                return nextId >= 0;
            }

            @Override
            public Integer next() {
                if (nextId < 0) {
                    throw new NoSuchElementException();
                }
                int id = nextId;
                nextId = CpuSet.this.next(id + 1);
                return id;
            }
        };
    }

    /** The cpulist form; see {@link CpuListFormat}. Empty set: the empty string, as the kernel writes it. */
    @Override
    public String toString() {
        return CpuListFormat.format(toArray());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpuSet && Arrays.equals(words, ((CpuSet) o).words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words);
    }

    /** Accumulates ids; grows its bitmap as needed. */
    private static final class Builder {
        private long[] words = new long[1];

        void add(int id, String whole, String source) {
            if (id < 0 || id >= MAX_ID) {
                throw malformed("id " + id + " outside 0.." + (MAX_ID - 1), whole, source);
            }
            int w = id >>> 6;
            if (w >= words.length) {
                words = Arrays.copyOf(words, Math.max(w + 1, words.length * 2));
            }
            words[w] |= 1L << id;
        }

        void addRange(int from, int to, int stride, String whole, String source) {
            if (to >= MAX_ID) {
                throw malformed("id " + to + " outside 0.." + (MAX_ID - 1), whole, source);
            }
            for (long id = from; id <= to; id += stride) {
                add((int) id, whole, source);
            }
        }

        CpuSet build() {
            return new CpuSet(words);
        }
    }
}
