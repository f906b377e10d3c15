package io.numagen.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Bytes written, reported by JMH as the secondary metric {@code bytes} in "ops/s", which is bytes per second: the
 * score people compare with memory bandwidth.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class BytesCounter {
    public long bytes;
}
