package io.numagen.nativeio;

import java.util.List;

/**
 * A NUMA memory policy: how the kernel picks the node of a page when it is first allocated ({@code numaif.h} MPOL_*).
 *
 * @param nodes ascending node ids: empty for DEFAULT and LOCAL, at most one for PREFERRED (empty = local),
 *              at least one for the others
 */
public record MemoryPolicy(Mode mode, List<Integer> nodes) {

    public enum Mode {
        DEFAULT(0), PREFERRED(1), BIND(2), INTERLEAVE(3), LOCAL(4), PREFERRED_MANY(5), WEIGHTED_INTERLEAVE(6);

        /** The kernel's MPOL_* value. */
        public final int kernelValue;

        Mode(int kernelValue) {
            this.kernelValue = kernelValue;
        }

        /** The mode for a kernel value (mode flags already removed), or null if this kernel is newer than us. */
        public static Mode of(int kernelValue) {
            for (Mode mode : values()) {
                if (mode.kernelValue == kernelValue) {
                    return mode;
                }
            }
            return null;
        }
    }

    public MemoryPolicy {
        nodes = nodes.stream().sorted().distinct().toList();
        boolean valid;
        switch (mode) {
            case DEFAULT:
            case LOCAL:
                valid = nodes.isEmpty();
                break;
            case PREFERRED:
                valid = nodes.size() <= 1;
                break;
            default:
                valid = !nodes.isEmpty();
        }
        if (!valid) {
            throw new IllegalArgumentException("policy " + mode + " cannot take nodes " + nodes);
        }
    }

    public static MemoryPolicy bind(int node) {
        return new MemoryPolicy(Mode.BIND, List.of(node));
    }

    public static MemoryPolicy preferred(int node) {
        return new MemoryPolicy(Mode.PREFERRED, List.of(node));
    }

    public static MemoryPolicy interleave(List<Integer> nodes) {
        return new MemoryPolicy(Mode.INTERLEAVE, nodes);
    }

    /** The system default: allocate on the node of the CPU that touches the page (first touch). */
    public static MemoryPolicy systemDefault() {
        return new MemoryPolicy(Mode.DEFAULT, List.of());
    }

    @Override
    public String toString() {
        return nodes.isEmpty() ? mode.name() : mode.name() + " " + IdMask.format(nodes);
    }
}
