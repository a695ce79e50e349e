package io.runledger.launch;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each entry of the isolated area is, sorted by the hash of its name, so that premain finds a
 * class by a binary search instead of reading the area's whole central directory (about 9,000 entries,
 * 15 ms of interpreted code on every start). Written by the build next to the launcher
 * ({@code io/runledger/launch/payload.idx}) from the area it describes.
 *
 * <p>Layout, big-endian: {@code "RLX1"}, the area's central-directory entry count (a stale index is
 * ignored), the record count, then one 16-byte record per file: name hash ({@link String#hashCode}),
 * offset of its local header, stored size, size with the top bit set when deflated. A hash says only
 * where to look: the name in the local header decides.
 */
final class PayloadIndex {

    static final String ENTRY = "io/runledger/launch/payload.idx";
    private static final int MAGIC = 0x524C5831;   // "RLX1"
    private static final int HEADER = 12;
    private static final int RECORD = 16;

    private final byte[] bytes;
    private final int records;

    private PayloadIndex(byte[] bytes, int records) {
        this.bytes = bytes;
        this.records = records;
    }

    /** The index in {@code bytes}, or null when they are not one for an area of {@code directoryEntries}. */
    static PayloadIndex of(byte[] bytes, int directoryEntries) {
        if (bytes == null || bytes.length < HEADER || be32(bytes, 0) != MAGIC || be32(bytes, 4) != directoryEntries) {
            return null;
        }
        int records = be32(bytes, 8);
        return records >= 0 && bytes.length == HEADER + (long) records * RECORD ? new PayloadIndex(bytes, records) : null;
    }

    /** The first record whose name has {@code hash}, or -1. */
    int first(int hash) {
        int low = 0;
        int high = records;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (hash(mid) < hash) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low < records && hash(low) == hash ? low : -1;
    }

    /** Whether record {@code i} exists and has {@code hash}: the candidates after {@link #first}. */
    boolean has(int i, int hash) {
        return i < records && hash(i) == hash;
    }

    long localHeader(int i) {
        return be32(bytes, HEADER + i * RECORD + 4) & 0xFFFFFFFFL;
    }

    int storedSize(int i) {
        return be32(bytes, HEADER + i * RECORD + 8);
    }

    int size(int i) {
        return be32(bytes, HEADER + i * RECORD + 12) & 0x7FFFFFFF;
    }

    boolean deflated(int i) {
        return be32(bytes, HEADER + i * RECORD + 12) < 0;
    }

    private int hash(int i) {
        return be32(bytes, HEADER + i * RECORD);
    }

    /** The index of the entries of an area, as the build writes it. */
    static byte[] build(AgentPayload.Directory directory) {
        List<long[]> rows = new ArrayList<>();
        for (AgentPayload.Directory.Row row : directory.rows()) {
            AgentPayload.Entry e = row.entry;
            rows.add(new long[] {row.name.hashCode(), e.localHeader, e.storedSize, e.size | (e.deflated ? 0x80000000L : 0)});
        }
        rows.sort((a, b) -> Long.compare(a[0], b[0]));
        byte[] out = new byte[HEADER + rows.size() * RECORD];
        put32(out, 0, MAGIC);
        put32(out, 4, directory.entryCount());
        put32(out, 8, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            for (int f = 0; f < 4; f++) {
                put32(out, HEADER + i * RECORD + f * 4, (int) rows.get(i)[f]);
            }
        }
        return out;
    }

    /** Build step: {@code PayloadIndex AREA.zip OUT} writes the index of that area. */
    public static void main(String[] args) throws IOException {
        try (RandomAccessFile area = new RandomAccessFile(args[0], "r")) {
            AgentPayload.Directory directory = AgentPayload.Directory.read(area, AgentPayload.endRecord(area, area.length()));
            Files.write(Paths.get(args[1]), build(directory));
            System.out.println("payload index: " + directory.rows().size() + " files of " + directory.entryCount() + " entries");
        }
    }

    private static int be32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static void put32(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
