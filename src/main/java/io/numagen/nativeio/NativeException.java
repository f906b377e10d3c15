package io.numagen.nativeio;

/** A native call that failed or could not be made; the message says which call and why. */
public final class NativeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NativeException(String message) {
        super(message);
    }
}
