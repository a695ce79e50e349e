package io.runledger.hash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/** What identifies a file's content cheaply: one {@code stat}. Equal stats mean the cached hash holds. */
public final class FileStat {

    public final String path;
    public final long size;
    public final long mtimeNanos;
    public final String inode;

    public FileStat(String path, long size, long mtimeNanos, String inode) {
        this.path = path;
        this.size = size;
        this.mtimeNanos = mtimeNanos;
        this.inode = inode;
    }

    /** One stat; the identity is the file key (device and inode on Unix), without building an attribute map. */
    public static FileStat of(Path file) throws IOException {
        Path p = file.toAbsolutePath().normalize();
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        Object key = a.fileKey();
        return new FileStat(p.toString(), a.size(), a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS),
                key == null ? "" : key.toString());
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FileStat)) {
            return false;
        }
        FileStat s = (FileStat) o;
        return size == s.size && mtimeNanos == s.mtimeNanos && path.equals(s.path) && inode.equals(s.inode);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, size, mtimeNanos, inode);
    }
}
