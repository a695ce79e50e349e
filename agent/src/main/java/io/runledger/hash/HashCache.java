package io.runledger.hash;

import io.runledger.config.LedgerMode;
import io.runledger.ledger.AtomicFiles;
import io.runledger.safety.SafeDirectory;
import io.runledger.safety.SafeFiles;
import io.runledger.util.Hex;
import io.runledger.util.Log;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Content hashes keyed by {@link FileStat}, kept in the ledger directory so that an unchanged file is never
 * hashed twice, across runs and JVMs. One tab-separated line per file: the SHA-256 of its path (a path can
 * hold a secret, a presigned URL's signature or a token as a directory name, so it is never written), its
 * content's SHA-256, size, mtime, ctime, device:inode, and the day it was last seen. New entries are
 * appended under a lock; the last line for a path wins.
 *
 * <p>Bounded so it cannot hurt the host: a file over {@link #MAX_BYTES}, with an overlong line or a line
 * that does not start with a path key is set aside (renamed, one warning) and the run hashes afresh. A
 * line is parsed only when its path is looked up; a malformed one is then a miss, and the file is set
 * aside when a JVM next compacts it. When the file passes {@link #COMPACT_BYTES} the
 * saving JVM rewrites it with only the newest entry per path, at most {@link #MAX_ENTRIES} of them, none
 * unseen for {@link #KEEP_DAYS} days (a vanished file is never seen again, so it ages out).
 */
public final class HashCache {

    static final String HEADER = "# runledger hash cache v2: sha256(path) sha256 size mtimeNanos ctimeNanos dev:inode lastSeenDay";
    static final long MAX_BYTES = 4L << 20;
    static final long COMPACT_BYTES = 2L << 20;
    static final int MAX_ENTRIES = 8_192;
    static final int KEEP_DAYS = 60;
    private static final int MAX_LINE = 512;
    private static final String OLD_FORMAT = "it has no v2 header";

    private final Path file;
    private final LedgerMode mode;
    private final Map<String, Entry> byPath = new ConcurrentHashMap<>();
    /**
     * The file's lines by path key, parsed when that path is looked up: a JVM looks up its class path's few
     * dozen jars, and parsing every one of a cache's thousands of lines on a cold JVM cost about 30 us each.
     */
    private final Map<String, String> unparsed = new ConcurrentHashMap<>();
    private final List<Entry> unsaved = new ArrayList<>();
    private volatile boolean loaded;

    /** A cache in {@code file} (null: in memory only). */
    private final boolean writable;

    public HashCache(Path file, LedgerMode mode) {
        this(file, mode, true);
    }

    private HashCache(Path file, LedgerMode mode, boolean writable) {
        this.file = file;
        this.mode = mode;
        this.writable = writable;
    }

    /** The cache of a ledger as a reader sees it: looked up, never written, never set aside. */
    public static HashCache readOnly(Path file) {
        return new HashCache(file, LedgerMode.PRIVATE, false);
    }

    public HashCache(Path file) {
        this(file, LedgerMode.PRIVATE);
    }

    /** One line of the cache. */
    static final class Entry {
        final String pathKey;
        final String sha256;
        final long size;
        final long mtimeNanos;
        final long ctimeNanos;
        final String inode;
        final long lastSeenDay;

        Entry(String pathKey, String sha256, long size, long mtimeNanos, long ctimeNanos, String inode, long lastSeenDay) {
            this.pathKey = pathKey;
            this.sha256 = sha256;
            this.size = size;
            this.mtimeNanos = mtimeNanos;
            this.ctimeNanos = ctimeNanos;
            this.inode = inode;
            this.lastSeenDay = lastSeenDay;
        }

        boolean matches(FileStat s) {
            return size == s.size && mtimeNanos == s.mtimeNanos && ctimeNanos == s.ctimeNanos && inode.equals(s.inode);
        }

        Entry seen(long day) {
            return new Entry(pathKey, sha256, size, mtimeNanos, ctimeNanos, inode, day);
        }

        String line() {
            return pathKey + "\t" + sha256 + "\t" + size + "\t" + mtimeNanos + "\t" + ctimeNanos + "\t" + inode + "\t" + lastSeenDay;
        }

        /** The entry of a line, or null when the line is malformed. */
        static Entry parse(String line) {
            String[] f = line.split("\t", -1);
            if (f.length != 7 || f[0].length() != 64 || f[1].length() != 64 || !Hex.isHex(f[0]) || !Hex.isHex(f[1])
                    || f[5].isEmpty() || f[5].length() > 64) {
                return null;
            }
            try {
                return new Entry(f[0], f[1], Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]), f[5], Long.parseLong(f[6]));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** The cached hash for exactly this stat, or null. */
    public String lookup(FileStat stat) {
        load();
        String key = pathKey(stat.path);
        Entry e = byPath.get(key);
        if (e == null) {
            String line = unparsed.remove(key);
            Entry parsed = line == null ? null : Entry.parse(line);   // a malformed line: as if absent
            if (parsed != null) {
                Entry earlier = byPath.putIfAbsent(key, parsed);   // an entry recorded meanwhile is newer
                e = earlier != null ? earlier : parsed;
            }
        }
        if (e == null || !e.matches(stat)) {
            return null;
        }
        long today = today();
        if (e.lastSeenDay != today) {   // keeps a file in use from ageing out
            Entry seen = e.seen(today);
            byPath.put(seen.pathKey, seen);
            synchronized (unsaved) {
                unsaved.add(seen);
            }
        }
        return e.sha256;
    }

    public void record(FileStat stat, String sha256) {
        Entry e = new Entry(pathKey(stat.path), sha256, stat.size, stat.mtimeNanos, stat.ctimeNanos, stat.inode, today());
        byPath.put(e.pathKey, e);
        synchronized (unsaved) {
            unsaved.add(e);
        }
    }

    private static String pathKey(String path) {
        return Hex.sha256(path);
    }

    private static long today() {
        return LocalDate.now(ZoneOffset.UTC).toEpochDay();
    }

    private void load() {
        if (loaded || file == null) {
            return;
        }
        synchronized (this) {
            if (loaded) {
                return;
            }
            try {
                boolean read = read((line, lineNo) -> {
                    if (line.length() <= 64 || line.charAt(64) != '\t') {
                        return "line " + lineNo + " is malformed";
                    }
                    unparsed.put(line.substring(0, 64), line);   // the last line of a path wins
                    return null;
                });
                if (!read) {
                    unparsed.clear();
                }
            } catch (IOException | RuntimeException e) {
                Log.warnOnce("hash-cache-read", "cannot read hash cache " + file + " (" + e.getClass().getSimpleName() + "); hashing afresh");
            }
            loaded = true;
        }
    }

    /**
     * The file's entries, in order. A missing file is empty; an oversized, malformed or unsafe one is set
     * aside with one warning and counts as empty. Reads at most {@link #MAX_BYTES}.
     */
    private List<Entry> readAll() throws IOException {
        List<Entry> out = new ArrayList<>();
        boolean read = read((line, lineNo) -> {
            Entry e = Entry.parse(line);
            if (e == null) {
                return "line " + lineNo + " is malformed";
            }
            out.add(e);
            return null;
        });
        if (!read) {
            out.clear();
        }
        return out;
    }

    /** What is done with each line after the header; returns what is wrong with the line, or null. */
    private interface LineReader {
        String line(String line, int lineNo);
    }

    /**
     * Hands each line after the header to {@code lines}. False when the file is oversized, not a regular
     * file, of an old format or has a line {@code lines} finds wrong: it is then set aside (one warning).
     * A missing file is empty. Reads at most {@link #MAX_BYTES}.
     */
    private boolean read(LineReader lines) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        String problem = null;
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            problem = "it is not a regular file";
        } else if (Files.size(file) > MAX_BYTES) {
            problem = "it is larger than " + (MAX_BYTES >> 20) + " MiB";
        } else {
            // line by line with a bounded line length: a single huge line must not cost the application's heap;
            // read a chunk at a time, not a byte per call (on a cold JVM that cost 10-20 ms for 400 lines)
            try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                byte[] chunk = new byte[1 << 16];
                byte[] line = new byte[MAX_LINE + 1];
                int length = 0;
                int lineNo = 1;
                for (int n; problem == null && (n = in.read(chunk)) > 0; ) {
                    for (int i = 0; i < n && problem == null; i++) {
                        byte b = chunk[i];
                        if (b != '\n') {
                            if (length > MAX_LINE) {
                                problem = "line " + lineNo + " is too long";
                            } else {
                                line[length++] = b;
                            }
                            continue;
                        }
                        problem = accept(new String(line, 0, length, StandardCharsets.UTF_8), lineNo++, lines);
                        length = 0;
                    }
                }
                if (problem == null && length > 0) {
                    problem = accept(new String(line, 0, length, StandardCharsets.UTF_8), lineNo, lines);
                }
            } catch (NoSuchFileException gone) {
                return true;
            }
        }
        if (problem != null) {
            setAside(problem);
        }
        return problem == null;
    }

    /** One line: the header is checked, empty lines skipped, the rest handed on; returns what is wrong, or null. */
    private static String accept(String line, int lineNo, LineReader lines) {
        if (lineNo == 1) {
            return line.equals(HEADER) ? null : OLD_FORMAT;
        }
        return line.isEmpty() ? null : lines.line(line, lineNo);
    }

    private void setAside(String problem) {
        if (!writable) {
            return;
        }
        if (problem.equals(OLD_FORMAT)) {
            try {
                Files.deleteIfExists(file);   // an earlier release's cache: it held plain paths, which may hold secrets
            } catch (IOException e) {
                Log.warnOnce("hash-cache-aside", "cannot remove the old hash cache " + file + " (" + e.getClass().getSimpleName() + ")");
            }
            return;
        }
        Path aside = file.resolveSibling(file.getFileName() + ".set-aside");
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            Log.warnOnce("hash-cache-aside", "hash cache " + file + " set aside as " + aside.getFileName() + " (" + problem
                    + "); hashing afresh");
        } catch (IOException | RuntimeException e) {
            Log.warnOnce("hash-cache-aside", "hash cache " + file + " ignored (" + problem + "); hashing afresh");
        }
    }

    /** Appends the entries recorded since the last save (compacting a large file); safe with other JVMs. */
    public void save() {
        List<Entry> entries;
        synchronized (unsaved) {
            if (unsaved.isEmpty() || file == null || !writable) {
                return;
            }
            entries = new ArrayList<>(unsaved);
            unsaved.clear();
        }
        try {
            String unsafe = SafeDirectory.prepare(file.getParent(), mode);
            if (unsafe != null) {
                Log.warnOnce("hash-cache-write", "hash cache not saved: " + unsafe);
                return;
            }
            SafeFiles.exclusively(file.resolveSibling(file.getFileName() + ".lock"), mode, () -> {
                long size = Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? Files.size(file) : 0;
                StringBuilder text = new StringBuilder();
                if (size == 0) {
                    text.append(HEADER).append('\n');
                }
                for (Entry e : entries) {
                    text.append(e.line()).append('\n');
                }
                if (size + text.length() > COMPACT_BYTES) {
                    compactLocked(entries);
                    return null;
                }
                try (FileChannel ch = SafeFiles.append(file, mode)) {
                    ByteBuffer buffer = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
                    while (buffer.hasRemaining()) {
                        ch.write(buffer);
                    }
                }
                return null;
            });
        } catch (Exception e) {
            Log.warnOnce("hash-cache-write", "cannot update hash cache " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Rewrites the file with the newest entry per path, recent ones only, at most {@link #MAX_ENTRIES}. */
    private void compactLocked(List<Entry> added) throws IOException {
        Map<String, Entry> newest = new LinkedHashMap<>();
        List<Entry> all = readAll();
        all.addAll(added);
        for (Entry e : all) {
            newest.remove(e.pathKey);
            newest.put(e.pathKey, e);
        }
        long oldest = today() - KEEP_DAYS;
        List<Entry> kept = new ArrayList<>();
        for (Entry e : newest.values()) {
            if (e.lastSeenDay >= oldest) {
                kept.add(e);
            }
        }
        kept.sort(Comparator.comparingLong((Entry e) -> e.lastSeenDay));   // stable: file order within a day
        if (kept.size() > MAX_ENTRIES) {
            kept = kept.subList(kept.size() - MAX_ENTRIES, kept.size());
        }
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Entry e : kept) {
            text.append(e.line()).append('\n');
        }
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8), false, mode);
    }
}
