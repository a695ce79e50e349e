package io.runledger.ledger;

import io.runledger.config.LedgerMode;
import io.runledger.safety.SafeFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Whole-file writes that readers see either entirely or not at all: temp file, fsync, rename, fsync dir. */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, content, true, LedgerMode.PRIVATE);
    }

    /**
     * With {@code durable} false the data is not forced to disk: the rename is still atomic, and the file
     * survives the process being killed (the page cache has it), though not a power loss. For checkpoints.
     */
    public static void write(Path target, byte[] content, boolean durable, LedgerMode mode) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // a new name (O_EXCL, 0600): nothing planted in advance is followed; the rename replaces a link, never writes through it
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            SafeFiles.restrict(temp, mode);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                if (durable) {
                    ch.force(true);
                }
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            if (durable) {
                syncDirectory(dir);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Makes the rename durable; not every platform lets a directory be opened, which is fine. */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException ignored) {
            // best effort
        }
    }
}
