package io.numagen.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;

/**
 * What a user is told about anything a command throws, and the exit status: bad values exit 2, everything else
 * (I/O, memory, a fault of numagen's own) exits 1, always as one line without a Java stack trace.
 */
final class Failures {

    /** A message for the user and the exit status that goes with it. */
    record Outcome(String message, int status) {
    }

    private Failures() {
    }

    static Outcome of(Throwable t) {
        OutOfMemoryError oom = find(t, OutOfMemoryError.class);
        if (oom != null) {
            return new Outcome("out of memory: " + text(oom) + ". Use a smaller --block-size, --chunk or --threads, "
                    + "or give the JVM more (-Xmx for the heap, -XX:MaxDirectMemorySize for direct buffers; "
                    + "NUMAGEN_JAVA_OPTS for scripts/numagen)", Main.EXIT_FAILURE);
        }
        if (t instanceof IllegalArgumentException) {
            return new Outcome(text(t), Main.EXIT_USAGE);
        }
        if (t instanceof Exception) {
            return new Outcome(text(t), Main.EXIT_FAILURE);
        }
        // An Error other than memory (a linkage or stack fault): a defect or a broken installation, still one line.
        return new Outcome("internal error, please report it: " + t.getClass().getName() + ": " + text(t),
                Main.EXIT_FAILURE);
    }

    /**
     * The message, made whole where the JDK's is not: a {@link FileSystemException}'s is often the bare path
     * ("/etc/passwd"), so the reason is added; a message-less exception is named by its kind.
     */
    static String text(Throwable t) {
        if (t instanceof UncheckedIOException u && u.getCause() != null) {
            return withCause(u.getMessage(), u.getCause());
        }
        if (t instanceof FileSystemException f) {
            return fileSystem(f);
        }
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        return message;
    }

    private static String withCause(String message, IOException cause) {
        String reason = text(cause);
        return message == null || message.equals(cause.toString()) ? reason : message + ": " + reason;
    }

    /** Why an operation failed, without the file name ("permission denied", "No space left on device"). */
    static String reason(Throwable t) {
        if (t instanceof FileSystemException f) {
            return f.getReason() != null ? f.getReason() : kind(f);
        }
        return text(t);
    }

    private static String fileSystem(FileSystemException f) {
        String reason = reason(f);
        String file = f.getFile() == null ? "" : f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile());
        return file.isEmpty() ? reason : file + ": " + reason;
    }

    /** The reason a JDK file-system exception stands for when it carries none. */
    private static String kind(FileSystemException f) {
        if (f instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (f instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (f instanceof java.nio.file.FileAlreadyExistsException) {
            return "already exists";
        }
        if (f instanceof java.nio.file.NotDirectoryException) {
            return "not a directory";
        }
        if (f instanceof java.nio.file.DirectoryNotEmptyException) {
            return "directory not empty";
        }
        return f.getClass().getSimpleName();
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
