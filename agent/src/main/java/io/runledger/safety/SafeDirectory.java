package io.runledger.safety;

import io.runledger.config.LedgerMode;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a directory is a safe place to write to, or to read code and cached hashes from, when
 * another local user may be hostile. A directory is safe when nobody but its owner (and, in
 * {@link LedgerMode#GROUP}, its group) could have put anything in it: it is not a symbolic link, it is
 * owned by the current user (or, shared by group, by anyone), it is writable by nobody else, and every
 * directory above it is owned by the current user or root and writable by others only with the sticky
 * bit (like {@code /tmp}), so nobody can swap it for another. Directories the agent creates get 0700
 * (0770 by group) whatever the umask. Checks read attributes with {@code NOFOLLOW_LINKS}; on a file
 * system without Unix attributes (not a supported platform) every directory passes.
 */
public final class SafeDirectory {

    private static final int STICKY = 01000;
    private static final int GROUP_WRITE = 020;
    private static final int OTHER_WRITE = 02;
    private static final int GROUP_OTHER_ALL = 077;
    private static final int OTHER_ALL = 07;

    private SafeDirectory() {
    }

    /**
     * Creates {@code dir} and whatever parents it lacks with owner-only (or group) modes, then checks it.
     * Returns null when the directory is safe, else why not (one phrase, for a warning). Never throws.
     */
    public static String prepare(Path dir, LedgerMode mode) {
        try {
            Path abs = dir.toAbsolutePath().normalize();
            List<Path> missing = new ArrayList<>();
            for (Path p = abs; p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
                missing.add(0, p);
            }
            String perms = mode == LedgerMode.GROUP ? "rwxrwx---" : "rwx------";
            for (Path p : missing) {
                try {
                    // The mode is given at creation (the umask can only narrow it): another thread or JVM of
                    // this user preparing the same path must never see it, even briefly, with the umask's mode.
                    createDirectory(p, perms);
                    setMode(p, perms);
                } catch (FileAlreadyExistsException raced) {
                    // somebody else made it between our look and our mkdir: the check below judges it
                }
            }
            return check(abs, mode, missing);
        } catch (IOException | RuntimeException e) {
            return "it cannot be created (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
        }
    }

    /** Null when {@code dir} grants nothing to group or others (mode 0700 or stricter), else why not. */
    public static String ownerOnly(Path dir) {
        try {
            if (!unix(dir)) {
                return null;
            }
            int bits = (Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return (bits & GROUP_OTHER_ALL) == 0 ? null : dir + " has mode " + octal(bits) + ", not 0700";
        } catch (IOException | RuntimeException e) {
            return dir + " cannot be examined (" + e.getClass().getSimpleName() + ")";
        }
    }

    /** Null when the existing {@code dir} is safe, else why not. Never throws. */
    public static String check(Path dir, LedgerMode mode) {
        return check(dir.toAbsolutePath().normalize(), mode, new ArrayList<>());
    }

    /**
     * {@code created} are the components the agent just made: they, like the directory itself, must be
     * exactly the agent's (owner, strict mode); the ancestors only must not let others swap them.
     */
    private static String check(Path dir, LedgerMode mode, List<Path> created) {
        try {
            if (!unix(dir)) {
                return null;
            }
            int uid = currentUid();
            if (Files.isSymbolicLink(dir)) {
                return dir + " is a symbolic link";
            }
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return dir + " is not a directory";
            }
            int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            int bits = (Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if (mode == LedgerMode.PRIVATE && owner != uid) {
                return dir + " is owned by uid " + owner + ", not by this user (uid " + uid + ")";
            }
            if ((bits & OTHER_WRITE) != 0 || mode == LedgerMode.PRIVATE && (bits & GROUP_WRITE) != 0) {
                return dir + " is writable by " + ((bits & OTHER_WRITE) != 0 ? "other users" : "its group")
                        + " (mode " + octal(bits) + ")";
            }
            for (Path p : created) {
                int b = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                int strict = mode == LedgerMode.GROUP ? OTHER_ALL : GROUP_OTHER_ALL;
                if (Files.isSymbolicLink(p) || (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS) != uid
                        || (b & strict) != 0) {
                    return p + " was changed by somebody else while it was being created";
                }
            }
            // Real path of the parents: a symbolic link such as /var/run -> /run is the system's, and judged by where it leads.
            Path parent = dir.getParent() == null ? null : dir.getParent().toRealPath();
            for (Path p = parent; p != null; p = p.getParent()) {
                int o = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                int b = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                boolean othersMayRename = (b & OTHER_WRITE) != 0 && (b & STICKY) == 0
                        || mode == LedgerMode.PRIVATE && (b & GROUP_WRITE) != 0 && (b & STICKY) == 0 && o != uid;
                if (othersMayRename) {
                    return "its parent " + p + " is writable by other users (mode " + octal(b) + ")";
                }
                if (mode == LedgerMode.PRIVATE && o != uid && o != 0) {
                    return "its parent " + p + " is owned by uid " + o;
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return dir + " cannot be examined (" + e.getClass().getSimpleName() + ")";
        }
    }

    /** The effective uid of this process: the owner of {@code /proc/self} on Linux, else of a fresh temp file. */
    public static int currentUid() throws IOException {
        Integer cached = uid;
        if (cached != null) {
            return cached;
        }
        Path self = Paths.get("/proc/self");
        int found;
        if (Files.isDirectory(self)) {
            found = (Integer) Files.getAttribute(self, "unix:uid");
        } else {
            Path probe = Files.createTempFile("runledger-uid", ".tmp");
            try {
                found = (Integer) Files.getAttribute(probe, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            } finally {
                Files.deleteIfExists(probe);
            }
        }
        uid = found;
        return found;
    }

    private static volatile Integer uid;

    private static boolean unix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("unix");
    }

    private static void createDirectory(Path p, String perms) throws IOException {
        if (p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectory(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(perms)));
        } else {
            Files.createDirectory(p);
        }
    }

    static void setMode(Path p, String perms) throws IOException {
        if (p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        }
    }

    private static String octal(int bits) {
        return String.format("%04o", bits & 07777);
    }
}
