package io.numagen.generator;

/**
 * Makes kernels, and keeps the Vector API out of reach where its module is not resolved: {@link VectorKernel} is only
 * loaded once {@link #vectorUnavailable()} said it may be. ({@link Warmup} compiles them before use.)
 */
final class Kernels {
    private static final String MODULE = "jdk.incubator.vector";
    /** Why the vector kernel cannot run, or null; decided once. */
    private static final String VECTOR_UNAVAILABLE = probeVector();

    private Kernels() {
    }

    static String vectorUnavailable() {
        return VECTOR_UNAVAILABLE;
    }

    static String vectorShape() {
        return VECTOR_UNAVAILABLE == null ? VectorKernel.shape() : "unavailable";
    }

    /** A new kernel of the given kind for one worker. */
    static RandomKernel create(Kernel kind) {
        if (kind == Kernel.SCALAR) {
            return new ScalarKernel();
        }
        if (VECTOR_UNAVAILABLE != null) {
            throw new IllegalArgumentException("the vector kernel cannot run here: " + VECTOR_UNAVAILABLE);
        }
        return new VectorKernel();
    }

    private static String probeVector() {
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            return MODULE + " is not resolved (run java with --add-modules " + MODULE + ")";
        }
        try {
            return VectorKernel.unsuitable();
        } catch (LinkageError e) {
            return MODULE + " failed to load: " + e;
        }
    }
}
