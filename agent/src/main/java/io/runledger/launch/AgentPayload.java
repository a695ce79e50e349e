package io.runledger.launch;

import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The agent's isolated area: a zip archive stored in front of the agent jar's own zip. Zip readers find
 * an archive from its end, so the JDK (class path, {@code -javaagent}, {@code java -jar}) sees only the
 * jar behind it: the bootstrap API and the launcher. Nothing else of the agent is a class or a resource
 * of any application class loader, nor an entry a class-path scanner could list; only this reader,
 * which knows where to look, opens it.
 *
 * <p>Read with a {@link RandomAccessFile} under a lock rather than a {@code FileChannel}: an interrupted
 * application thread that happens to load an agent class would close a channel for good.
 */
final class AgentPayload {

    private static final int END_SIGNATURE = 0x06054b50;
    private static final int CENTRAL_SIGNATURE = 0x02014b50;
    private static final int LOCAL_SIGNATURE = 0x04034b50;
    private static final int END_SIZE = 22;
    private static final int CENTRAL_SIZE = 46;
    private static final int LOCAL_SIZE = 30;
    private static final int MAX_COMMENT = 0xFFFF;

    /** Where one entry's bytes are: offset of its local header, sizes and compression method. */
    static final class Entry {
        final long localHeader;
        /** Where its data begins, or -1 until its local header is read. */
        final long data;
        final int storedSize;
        final int size;
        final boolean deflated;

        Entry(long localHeader, long data, int storedSize, int size, boolean deflated) {
            this.localHeader = localHeader;
            this.data = data;
            this.storedSize = storedSize;
            this.size = size;
            this.deflated = deflated;
        }
    }

    private final RandomAccessFile file;
    /** Where the area's end record is: its central directory is read from there when the index is missing. */
    private final long areaEnd;
    /** The build's index of the area; null when the jar has none (then {@link #entries} is used). */
    private final PayloadIndex index;
    private final Map<String, Entry> entries;

    private AgentPayload(RandomAccessFile file, long areaEnd, PayloadIndex index, Map<String, Entry> entries) {
        this.file = file;
        this.areaEnd = areaEnd;
        this.index = index;
        this.entries = entries;
    }

    /** Opens the isolated area of {@code jar}; fails when the jar has none (a plain jar, or a damaged one). */
    static AgentPayload open(File jar) throws IOException {
        RandomAccessFile file = new RandomAccessFile(jar, "r");
        try {
            long jarEnd = endRecord(file, file.length());
            long jarStart = jarEnd - u32(file, jarEnd + 12) - u32(file, jarEnd + 16);
            if (jarStart <= 0) {
                throw new IOException(jar + " holds no isolated area in front of its zip");
            }
            long areaEnd = endRecord(file, jarStart);
            PayloadIndex index = PayloadIndex.of(outerEntry(file, jarEnd, jarStart, PayloadIndex.ENTRY), (int) u16(file, areaEnd + 10));
            return new AgentPayload(file, areaEnd, index, index == null ? Directory.read(file, areaEnd).byName() : null);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** Whether the area holds {@code name}; an area that cannot be read holds nothing. */
    boolean contains(String name) {
        try {
            return find(name) != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** Every entry name, for the build's own checks (reads the whole central directory). */
    Set<String> names() throws IOException {
        return Collections.unmodifiableSet(Directory.read(file, areaEnd).byName().keySet());
    }

    /** The bytes of entry {@code name}, or null when there is no such entry. */
    byte[] read(String name) throws IOException {
        Entry entry = find(name);
        if (entry == null) {
            return null;
        }
        byte[] stored;
        synchronized (file) {
            stored = stored(file, entry.data < 0 ? dataOffset(file, entry.localHeader, name) : entry.data, entry);
        }
        return entry.deflated ? inflate(stored, entry.size, name) : stored;
    }

    /** The entry's bytes as stored, from {@code data} on. */
    private static byte[] stored(RandomAccessFile file, long data, Entry entry) throws IOException {
        byte[] stored = new byte[entry.storedSize];
        file.seek(data);
        file.readFully(stored);
        return stored;
    }

    private Entry find(String name) throws IOException {
        if (index == null) {
            return entries.get(name);
        }
        int hash = name.hashCode();
        int i = index.first(hash);
        if (i < 0) {
            return null;
        }
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        for (; index.has(i, hash); i++) {
            long data = dataOffsetIfNamed(index.localHeader(i), wanted);
            if (data >= 0) {
                return new Entry(index.localHeader(i), data, index.storedSize(i), index.size(i), index.deflated(i));
            }
        }
        return null;
    }

    /** Where the data of the entry whose local header is at {@code at} begins; called under the file's lock. */
    private static long dataOffset(RandomAccessFile file, long at, String name) throws IOException {
        byte[] header = new byte[LOCAL_SIZE];
        file.seek(at);
        file.readFully(header);
        if (le32(header, 0) != LOCAL_SIGNATURE) {
            throw new IOException("damaged isolated area at " + name);
        }
        return at + LOCAL_SIZE + le16(header, 26) + le16(header, 28);
    }

    /** The same, or -1 when the local header there names another entry (two names of one hash). */
    private long dataOffsetIfNamed(long at, byte[] name) throws IOException {
        byte[] header = new byte[LOCAL_SIZE + name.length];
        synchronized (file) {
            file.seek(at);
            file.readFully(header);
        }
        if (le32(header, 0) != LOCAL_SIGNATURE) {
            throw new IOException("damaged isolated area at " + new String(name, StandardCharsets.UTF_8));
        }
        if (le16(header, 26) != name.length) {
            return -1;
        }
        for (int k = 0; k < name.length; k++) {
            if (header[LOCAL_SIZE + k] != name[k]) {
                return -1;
            }
        }
        return at + LOCAL_SIZE + name.length + le16(header, 28);
    }

    /** The bytes of {@code name} in the jar's own zip (the small one behind the area), or null. */
    private static byte[] outerEntry(RandomAccessFile file, long jarEnd, long jarStart, String name) throws IOException {
        Entry entry = Directory.read(file, jarEnd).byName().get(name);
        if (entry == null) {
            return null;
        }
        try {   // the jar's offsets count from its own start
            byte[] stored = stored(file, dataOffset(file, jarStart + entry.localHeader, name), entry);
            return entry.deflated ? inflate(stored, entry.size, name) : stored;
        } catch (IOException damaged) {
            return null;   // no index: the area's directory is read instead
        }
    }

    private static byte[] inflate(byte[] stored, int size, String name) throws IOException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(stored);
            byte[] out = new byte[size];
            int n = 0;
            while (n < size && !inflater.finished()) {
                int got = inflater.inflate(out, n, size - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            if (n != size) {
                throw new EOFException("damaged isolated area at " + name);
            }
            return out;
        } catch (DataFormatException e) {
            throw new IOException("damaged isolated area at " + name, e);
        } finally {
            inflater.end();
        }
    }

    /** Position of the end-of-central-directory record of the zip that ends at {@code limit}. */
    static long endRecord(RandomAccessFile file, long limit) throws IOException {
        int window = (int) Math.min(limit, END_SIZE + MAX_COMMENT);
        byte[] tail = new byte[window];
        file.seek(limit - window);
        file.readFully(tail);
        for (int i = window - END_SIZE; i >= 0; i--) {
            if (le32(tail, i) == END_SIGNATURE && i + END_SIZE + le16(tail, i + 20) == window) {
                return limit - window + i;
            }
        }
        throw new IOException("no zip archive ends at offset " + limit);
    }

    /** A zip's central directory: its entry count and, for each file (not directory), where it is. */
    static final class Directory {

        /** A file's name and where it is. */
        static final class Row {
            final String name;
            final Entry entry;

            Row(String name, Entry entry) {
                this.name = name;
                this.entry = entry;
            }
        }

        private final int entryCount;
        private final List<Row> rows;

        private Directory(int entryCount, List<Row> rows) {
            this.entryCount = entryCount;
            this.rows = rows;
        }

        int entryCount() {
            return entryCount;
        }

        List<Row> rows() {
            return rows;
        }

        Map<String, Entry> byName() {
            Map<String, Entry> out = new HashMap<>(rows.size() * 2);
            for (Row r : rows) {
                out.put(r.name, r.entry);
            }
            return out;
        }

        /** The central directory of the zip whose end record is at {@code end}. */
        static Directory read(RandomAccessFile file, long end) throws IOException {
            int count = (int) u16(file, end + 10);
            long size = u32(file, end + 12);
            long offset = end - size;   // the directory ends where the end record begins, whatever precedes the zip
            if (offset < 0) {
                throw new IOException("damaged isolated area (central directory)");
            }
            byte[] directory = new byte[(int) size];
            file.seek(offset);
            file.readFully(directory);
            List<Row> rows = new ArrayList<>(count);
            int at = 0;
            for (int i = 0; i < count; i++) {
                if (at + CENTRAL_SIZE > directory.length || le32(directory, at) != CENTRAL_SIGNATURE) {
                    throw new IOException("damaged isolated area (entry " + i + ")");
                }
                int method = le16(directory, at + 10);
                if (method != 0 && method != 8) {
                    throw new IOException("isolated area entry " + i + " uses compression method " + method);
                }
                int nameLength = le16(directory, at + 28);
                String name = new String(directory, at + CENTRAL_SIZE, nameLength, StandardCharsets.UTF_8);
                if (!name.endsWith("/")) {
                    rows.add(new Row(name, new Entry(le32(directory, at + 42) & 0xFFFFFFFFL, -1, le32(directory, at + 20),
                            le32(directory, at + 24), method == 8)));
                }
                at += CENTRAL_SIZE + nameLength + le16(directory, at + 30) + le16(directory, at + 32);
            }
            return new Directory(count, rows);
        }
    }

    private static long u32(RandomAccessFile file, long position) throws IOException {
        byte[] b = new byte[4];
        file.seek(position);
        file.readFully(b);
        return le32(b, 0) & 0xFFFFFFFFL;
    }

    private static long u16(RandomAccessFile file, long position) throws IOException {
        byte[] b = new byte[2];
        file.seek(position);
        file.readFully(b);
        return le16(b, 0);
    }

    private static int le16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static int le32(byte[] b, int at) {
        return le16(b, at) | le16(b, at + 2) << 16;
    }
}
