package io.runledger.safety;

import io.runledger.config.LedgerMode;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Opens the files the agent writes in a directory {@link SafeDirectory} accepted: never through a symbolic
 * link ({@code O_NOFOLLOW}), only regular files of the expected owner, and with the ledger mode's
 * permissions (0600, or 0660 by group) set explicitly, so the umask does not decide who reads them.
 */
public final class SafeFiles {

    private SafeFiles() {
    }

    /** Opens (creating if needed) {@code file} for appending. */
    public static FileChannel append(Path file, LedgerMode mode) throws IOException {
        return open(file, mode, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** Opens (creating if needed) {@code file} for writing without truncating: for lock files. */
    public static FileChannel writable(Path file, LedgerMode mode) throws IOException {
        return open(file, mode, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    /** One monitor per lock file, so the threads of this JVM take a file's lock one at a time. */
    private static final java.util.concurrent.ConcurrentHashMap<Path, Object> MONITORS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Runs {@code action} holding the exclusive lock on {@code lockFile} (created with the mode's permissions),
     * across the threads of this JVM and across JVMs. The lock is a POSIX lock, and closing any descriptor of
     * a file releases every lock the process holds on it: so the file is opened, locked and closed only inside
     * this JVM's monitor for it, never while another thread of the JVM holds the lock.
     */
    public static <T> T exclusively(Path lockFile, LedgerMode mode, java.util.concurrent.Callable<T> action) throws Exception {
        Object monitor = MONITORS.computeIfAbsent(lockFile.toAbsolutePath().normalize(), k -> new Object());
        synchronized (monitor) {
            try (FileChannel ch = writable(lockFile, mode); java.nio.channels.FileLock ignored = ch.lock()) {
                return action.call();
            }
        }
    }

    /** Opens an existing {@code file} to read and rewrite it in place (to cut a torn tail). */
    public static FileChannel readWrite(Path file, LedgerMode mode) throws IOException {
        return open(file, mode, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private static FileChannel open(Path file, LedgerMode mode, OpenOption... options) throws IOException {
        OpenOption[] all = new OpenOption[options.length + 1];
        System.arraycopy(options, 0, all, 0, options.length);
        all[options.length] = LinkOption.NOFOLLOW_LINKS;   // a symbolic link fails the open (ELOOP) instead of being followed
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileChannel ch = posix
                ? FileChannel.open(file, Set.of(all), permissionsAttribute(mode))
                : FileChannel.open(file, all);
        try {
            if (posix) {
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException(file + " is not a regular file");
                }
                restrict(file, mode);
            }
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Sets the mode's permissions on a file the agent wrote (after the umask had its say at creation). */
    public static void restrict(Path file, LedgerMode mode) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> wanted = permissions(mode);
        if (!Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).equals(wanted)) {
            Files.setPosixFilePermissions(file, wanted);
        }
    }

    public static Set<PosixFilePermission> permissions(LedgerMode mode) {
        return PosixFilePermissions.fromString(mode == LedgerMode.GROUP ? "rw-rw----" : "rw-------");
    }

    private static FileAttribute<Set<PosixFilePermission>> permissionsAttribute(LedgerMode mode) {
        return PosixFilePermissions.asFileAttribute(permissions(mode));
    }
}
