package io.numagen.nativeio;

import java.util.function.Function;

/**
 * The outcome of a native call: a value, or why there is none. Calls return this instead of throwing, so code that
 * runs on macOS, on an unsupported architecture or in a container without the needed permission degrades with a
 * reason instead of crashing.
 */
public sealed interface NativeResult<T> permits NativeResult.Ok, NativeResult.Unavailable, NativeResult.Failed {

    /** The call succeeded; {@code value} is null for calls that return nothing. */
    record Ok<T>(T value) implements NativeResult<T> {
        @Override
        public String failure() {
            return null;
        }
    }

    /** The call cannot be made here at all: not Linux, unsupported architecture, library not loadable. */
    record Unavailable<T>(String reason) implements NativeResult<T> {
        @Override
        public String failure() {
            return reason;
        }
    }

    /** The call was made and the kernel refused it with {@code errno}. */
    record Failed<T>(String call, int errno) implements NativeResult<T> {
        @Override
        public String failure() {
            return call + " failed: " + Errno.describe(errno);
        }
    }

    static <T> NativeResult<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> NativeResult<T> unavailable(String reason) {
        return new Unavailable<>(reason);
    }

    static <T> NativeResult<T> failed(String call, int errno) {
        return new Failed<>(call, errno);
    }

    /** Null when the call succeeded; otherwise the reason as one line of text. */
    String failure();

    default boolean isOk() {
        return this instanceof Ok;
    }

    /** The value, or a {@link NativeException} carrying {@link #failure()}. */
    default T orThrow() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        throw new NativeException(failure());
    }

    default T orElse(T fallback) {
        return this instanceof Ok<T> ok ? ok.value() : fallback;
    }

    /**
     * This failure as a result of another value type, to pass it on.
     *
     * @throws IllegalStateException if this is {@link Ok}
     */
    @SuppressWarnings("unchecked")
    default <U> NativeResult<U> asFailure() {
        if (this instanceof Ok) {
            throw new IllegalStateException("not a failure: " + this);
        }
        return (NativeResult<U>) this;
    }

    /** The same failure with another value type, or the mapped value. */
    @SuppressWarnings("unchecked")
    default <U> NativeResult<U> map(Function<? super T, ? extends U> mapper) {
        return this instanceof Ok<T> ok ? new Ok<>(mapper.apply(ok.value())) : (NativeResult<U>) this;
    }
}
