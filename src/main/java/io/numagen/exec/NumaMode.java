package io.numagen.exec;

import java.util.Locale;

/** When the NUMA placement (pinning, first-touch, binding) asked for is applied. */
public enum NumaMode {
    /** Only where the process may use 2 or more nodes: on one node it cannot help and only costs. */
    AUTO,
    /** Always, even on one node, so its cost can be measured there. */
    FORCE,
    /** Never: threads float, pages land where they are first written. */
    OFF;

    /** "auto", "FORCE", "off" in any case. */
    public static NumaMode parse(String text) {
        for (NumaMode m : values()) {
            if (m.name().equalsIgnoreCase(text.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("NUMA mode must be one of auto, force, off, got '" + text + "'");
    }

    public String lowerName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
