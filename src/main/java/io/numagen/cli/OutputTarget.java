package io.numagen.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Where {@code generate} writes, so that nothing half-written ever sits under the name asked for. A regular file is
 * written under a hidden temporary name beside it ({@code .NAME.numagen-PID.partial}) and renamed over the target only
 * when whole; an interrupted or failed run removes the temporary file and leaves an existing target as it was.
 * Stdout, devices and pipes cannot be renamed: they are written in place and a failure says how many bytes they got.
 */
final class OutputTarget implements AutoCloseable {
    private final String name;
    private final Path target;
    private final Path partial;
    private final WritableByteChannel channel;
    private boolean committed;
    private boolean abandoned;

    private OutputTarget(String name, Path target, Path partial, WritableByteChannel channel) {
        this.name = name;
        this.target = target;
        this.partial = partial;
        this.channel = channel;
    }

    /** {@code -} for stdout, else a file or device path. */
    static OutputTarget open(String target) throws IOException {
        if (target.equals("-")) {
            return new OutputTarget("stdout", null, null, new FileOutputStream(FileDescriptor.out).getChannel());
        }
        Path path = Path.of(target);
        try {
            if (Files.exists(path) && !Files.isRegularFile(path)) {
                return new OutputTarget(target, path, null, FileChannel.open(path, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING));
            }
            if (Files.exists(path) && !Files.isWritable(path)) {
                // The rename would replace it even so; a read-only target is refused as a plain open refuses it.
                throw new java.nio.file.AccessDeniedException(target);
            }
            Path partial = path.toAbsolutePath().resolveSibling("." + path.getFileName() + ".numagen-"
                    + ProcessHandle.current().pid() + ".partial");
            return new OutputTarget(target, path, partial, FileChannel.open(partial, StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING));
        } catch (IOException e) {
            throw new IOException("cannot open " + target + " for writing: " + Failures.reason(e), e);
        }
    }

    /** "stdout" or the path as given. */
    String name() {
        return name;
    }

    WritableByteChannel channel() {
        return channel;
    }

    /**
     * Puts the whole output under its name.
     *
     * @throws IOException if the output was abandoned meanwhile (a signal) or the rename fails
     */
    synchronized void commit() throws IOException {
        if (abandoned) {
            throw new IOException("interrupted: " + name + " was not written");
        }
        channel.close();
        if (partial != null) {
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        committed = true;
    }

    /**
     * Drops an unfinished output (safe to call from a shutdown hook while the writer still runs).
     *
     * @return what became of the partial output, for the user
     */
    synchronized String abandon() {
        if (committed) {
            return name + " is complete";
        }
        abandoned = true;
        if (partial == null) {
            return name + " holds the bytes written so far";
        }
        try {
            Files.deleteIfExists(partial);
            return "the partial output was removed" + (Files.exists(target) ? " and " + name + " left as it was"
                    : ", " + name + " was not created");
        } catch (IOException e) {
            return "could not remove the partial output " + partial + ": " + Failures.reason(e);
        }
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            abandon();
        }
        channel.close();
    }
}
