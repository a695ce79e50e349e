package io.runledger.launch;

import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
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
    private static final class Entry {
        final long localHeader;
        final int storedSize;
        final int size;
        final boolean deflated;

        Entry(long localHeader, int storedSize, int size, boolean deflated) {
            this.localHeader = localHeader;
            this.storedSize = storedSize;
            this.size = size;
            this.deflated = deflated;
        }
    }

    private final RandomAccessFile file;
    private final Map<String, Entry> entries;

    private AgentPayload(RandomAccessFile file, Map<String, Entry> entries) {
        this.file = file;
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
            return new AgentPayload(file, centralDirectory(file, endRecord(file, jarStart)));
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    boolean contains(String name) {
        return entries.containsKey(name);
    }

    /** Every entry name, for the build's own checks. */
    Set<String> names() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    /** The bytes of entry {@code name}, or null when there is no such entry. */
    byte[] read(String name) throws IOException {
        Entry entry = entries.get(name);
        if (entry == null) {
            return null;
        }
        byte[] stored = new byte[entry.storedSize];
        synchronized (file) {
            file.seek(entry.localHeader);
            byte[] header = new byte[LOCAL_SIZE];
            file.readFully(header);
            if (le32(header, 0) != LOCAL_SIGNATURE) {
                throw new IOException("damaged isolated area at " + name);
            }
            file.seek(entry.localHeader + LOCAL_SIZE + le16(header, 26) + le16(header, 28));
            file.readFully(stored);
        }
        return entry.deflated ? inflate(stored, entry.size, name) : stored;
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
    private static long endRecord(RandomAccessFile file, long limit) throws IOException {
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

    private static Map<String, Entry> centralDirectory(RandomAccessFile file, long end) throws IOException {
        int count = (int) u16(file, end + 10);
        long size = u32(file, end + 12);
        long offset = u32(file, end + 16);
        if (offset + size > end) {
            throw new IOException("damaged isolated area (central directory)");
        }
        byte[] directory = new byte[(int) size];
        file.seek(offset);
        file.readFully(directory);
        Map<String, Entry> entries = new HashMap<>(count * 2);
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
                entries.put(name, new Entry(le32(directory, at + 42) & 0xFFFFFFFFL, le32(directory, at + 20),
                        le32(directory, at + 24), method == 8));
            }
            at += CENTRAL_SIZE + nameLength + le16(directory, at + 30) + le16(directory, at + 32);
        }
        return entries;
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
