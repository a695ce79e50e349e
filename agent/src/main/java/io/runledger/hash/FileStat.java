package io.runledger.hash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What identifies a file's content cheaply: one {@code stat}. Equal stats mean the cached hash holds. The
 * change time is part of it because nobody can set it: an in-place edit followed by restoring the old
 * modification time ({@code touch -d}) still changes it.
 */
public final class FileStat {

    public final String path;
    public final long size;
    public final long mtimeNanos;
    public final long ctimeNanos;
    public final String inode;

    public FileStat(String path, long size, long mtimeNanos, long ctimeNanos, String inode) {
        this.path = path;
        this.size = size;
        this.mtimeNanos = mtimeNanos;
        this.ctimeNanos = ctimeNanos;
        this.inode = inode;
    }

    /** One stat: with the Unix view (ctime, device and inode) where there is one, else the basic attributes. */
    public static FileStat of(Path file) throws IOException {
        Path p = file.toAbsolutePath().normalize();
        if (UNIX) {
            Map<String, Object> a = Files.readAttributes(p, "unix:size,lastModifiedTime,ctime,dev,ino");
            return new FileStat(p.toString(), (Long) a.get("size"), nanos(a.get("lastModifiedTime")), nanos(a.get("ctime")),
                    a.get("dev") + ":" + a.get("ino"));
        }
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        Object key = a.fileKey();
        return new FileStat(p.toString(), a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS), 0, key == null ? "" : key.toString());
    }

    private static final boolean UNIX = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("unix");

    private static long nanos(Object time) {
        return time instanceof FileTime ? ((FileTime) time).to(TimeUnit.NANOSECONDS) : 0;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FileStat)) {
            return false;
        }
        FileStat s = (FileStat) o;
        return size == s.size && mtimeNanos == s.mtimeNanos && ctimeNanos == s.ctimeNanos && path.equals(s.path) && inode.equals(s.inode);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, size, mtimeNanos, ctimeNanos, inode);
    }
}
