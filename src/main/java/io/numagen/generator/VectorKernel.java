package io.numagen.generator;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The SIMD kernel: the same streams as {@link ScalarKernel}, {@code L} streams per vector of the preferred species,
 * two vectors interleaved so two independent dependency chains keep the vector units busy. With 512-bit vectors all
 * 16 streams are one pass; 256-bit vectors take two. Only loaded when {@code jdk.incubator.vector} is resolved (see
 * {@link Kernels}).
 *
 * <p>Vectors are stored straight into the destination: going through a {@code long[]} and a bulk copy cost about a
 * third of the speed here. The store method differs between JDK 17 ({@code intoByteBuffer}) and JDK 22+
 * ({@code intoMemorySegment} on a segment view of the buffer), so it is looked up once as a constant method handle,
 * which C2 inlines like a direct call.
 */
final class VectorKernel implements RandomKernel {
    private static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    @SuppressWarnings("unchecked")
    private static final Class<LongVector> SHAPE = (Class<LongVector>) (Class<?>) SPECIES.vectorType();
    /** Streams per pass: two vectors' worth. */
    private static final int PASS = 2 * LANES;
    private static final int PASS_BYTES = PASS * Long.BYTES;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    /** (LongVector, destination view, long byte offset, ByteOrder) → void. */
    private static final MethodHandle STORE;
    /** (ByteBuffer) → the destination view STORE takes: the buffer itself, or a MemorySegment over it. */
    private static final MethodHandle VIEW;

    static {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        MethodHandle store;
        MethodHandle view;
        try {
            try {
                store = lookup.findVirtual(LongVector.class, "intoByteBuffer",
                        MethodType.methodType(void.class, ByteBuffer.class, int.class, ByteOrder.class));
                view = MethodHandles.identity(ByteBuffer.class);
            } catch (NoSuchMethodException removedAfterJdk18) {
                Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
                store = lookup.findVirtual(LongVector.class, "intoMemorySegment",
                        MethodType.methodType(void.class, segment, long.class, ByteOrder.class));
                view = lookup.findStatic(segment, "ofBuffer", MethodType.methodType(segment, Buffer.class));
            }
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        STORE = MethodHandles.explicitCastArguments(store,
                MethodType.methodType(void.class, LongVector.class, Object.class, long.class, ByteOrder.class));
        VIEW = view.asType(MethodType.methodType(Object.class, ByteBuffer.class));
    }

    private ByteBuffer viewed;
    private Object view;

    /** Null when this machine's vectors suit the kernel, else why not. */
    static String unsuitable() {
        if (LANES < 4 || StreamState.STREAMS % PASS != 0) {
            return "the preferred vector species holds " + LANES + " longs (" + SPECIES.vectorBitSize()
                    + " bits); the vector kernel needs 256 or 512 bits";
        }
        return null;
    }

    /** The vector shape, e.g. "512-bit, 8 lanes". */
    static String shape() {
        return SPECIES.vectorBitSize() + "-bit, " + LANES + " lanes";
    }

    @Override
    public Kernel kind() {
        return Kernel.VECTOR;
    }

    @Override
    public void fill(StreamState state, ByteBuffer dst, int offset, int length) {
        Object out = viewOf(dst);
        try {
            for (int k = 0; k < StreamState.STREAMS; k += PASS) {
                pass(state, k, out, offset + (long) k * Long.BYTES, length);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public void fillConstant(ByteBuffer dst, int offset, int length, long value) {
        Object out = viewOf(dst);
        LongVector v = LongVector.broadcast(SPECIES, value);
        try {
            for (long o = offset, end = offset + length; o < end; o += LANES * Long.BYTES) {
                STORE.invokeExact(v, out, o, ORDER);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private Object viewOf(ByteBuffer dst) {
        if (dst != viewed) {
            view = newView(dst);
            viewed = dst;
        }
        return view;
    }

    /** Streams {@code k .. k + 2L - 1}: their longs sit at {@code first + 128t} for step {@code t}. */
    private static void pass(StreamState state, int k, Object out, long first, int length) throws Throwable {
        int m = k + LANES;
        long[] w0 = state.s0, w1 = state.s1, w2 = state.s2, w3 = state.s3;
        LongVector a0 = LongVector.fromArray(SPECIES, w0, k), a1 = LongVector.fromArray(SPECIES, w1, k);
        LongVector a2 = LongVector.fromArray(SPECIES, w2, k), a3 = LongVector.fromArray(SPECIES, w3, k);
        LongVector b0 = LongVector.fromArray(SPECIES, w0, m), b1 = LongVector.fromArray(SPECIES, w1, m);
        LongVector b2 = LongVector.fromArray(SPECIES, w2, m), b3 = LongVector.fromArray(SPECIES, w3, m);
        for (long o = first, end = first + length; o < end; o += STEP_BYTES) {
            STORE.invokeExact(a0.add(a3).lanewise(VectorOperators.ROL, 23).add(a0), out, o, ORDER);
            LongVector x = a1.lanewise(VectorOperators.LSHL, 17);
            a2 = a2.lanewise(VectorOperators.XOR, a0);
            a3 = a3.lanewise(VectorOperators.XOR, a1);
            a1 = a1.lanewise(VectorOperators.XOR, a2);
            a0 = a0.lanewise(VectorOperators.XOR, a3);
            a2 = a2.lanewise(VectorOperators.XOR, x);
            a3 = a3.lanewise(VectorOperators.ROL, 45);

            STORE.invokeExact(b0.add(b3).lanewise(VectorOperators.ROL, 23).add(b0), out, o + PASS_BYTES / 2,
                    ORDER);
            LongVector y = b1.lanewise(VectorOperators.LSHL, 17);
            b2 = b2.lanewise(VectorOperators.XOR, b0);
            b3 = b3.lanewise(VectorOperators.XOR, b1);
            b1 = b1.lanewise(VectorOperators.XOR, b2);
            b0 = b0.lanewise(VectorOperators.XOR, b3);
            b2 = b2.lanewise(VectorOperators.XOR, y);
            b3 = b3.lanewise(VectorOperators.ROL, 45);
        }
        SHAPE.cast(a0).intoArray(w0, k); SHAPE.cast(a1).intoArray(w1, k);
        SHAPE.cast(a2).intoArray(w2, k); SHAPE.cast(a3).intoArray(w3, k);
        SHAPE.cast(b0).intoArray(w0, m); SHAPE.cast(b1).intoArray(w1, m);
        SHAPE.cast(b2).intoArray(w2, m); SHAPE.cast(b3).intoArray(w3, m);
    }

    private static Object newView(ByteBuffer dst) {
        try {
            return (Object) VIEW.invokeExact(dst);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
