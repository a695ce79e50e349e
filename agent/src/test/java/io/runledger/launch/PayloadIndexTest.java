package io.runledger.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent jar's layout in small: an area, a jar behind it carrying (or not) the area's index. */
class PayloadIndexTest {

    @TempDir
    Path dir;

    /** "Aa" and "BB" share a String hash: the index only says where to look, the local header's name decides. */
    private static final Map<String, byte[]> AREA = new LinkedHashMap<>();

    static {
        AREA.put("Aa", "first of one hash".getBytes(StandardCharsets.UTF_8));
        AREA.put("x/", null);
        AREA.put("x/Thing.class", new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 55});
        AREA.put("BB", "second of the same hash".getBytes(StandardCharsets.UTF_8));
        AREA.put("stored.bin", new byte[300]);
        AREA.put("long-extra.txt", "header, a 200-byte extra field, then this: read in two steps".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyFileIsFoundThroughTheIndexAndNothingElse() throws Exception {
        File jar = layout(true, 0);
        AgentPayload payload = AgentPayload.open(jar);
        assertIndexed(payload, true);
        for (Map.Entry<String, byte[]> e : AREA.entrySet()) {
            if (e.getValue() != null) {
                assertArrayEquals(e.getValue(), payload.read(e.getKey()), e.getKey());
                assertTrue(payload.contains(e.getKey()), e.getKey());
            }
        }
        assertEquals(Set.of("Aa", "BB", "x/Thing.class", "stored.bin", "long-extra.txt"), payload.names());
        assertNull(payload.read("x/"), "a directory is no entry to read");
        assertNull(payload.read("C#"), "a name of another hash");
        assertFalse(payload.contains("Ab"));
        assertFalse(payload.contains("BBx"));
    }

    @Test
    void aJarWithoutIndexOrWithAStaleOneIsReadFromTheDirectory() throws Exception {
        for (File jar : new File[] {layout(false, 0), layout(true, 1)}) {
            AgentPayload payload = AgentPayload.open(jar);
            assertIndexed(payload, false);
            assertArrayEquals(AREA.get("BB"), payload.read("BB"));
            assertArrayEquals(AREA.get("x/Thing.class"), payload.read("x/Thing.class"));
            assertNull(payload.read("Ab"));
        }
    }

    private static void assertIndexed(AgentPayload payload, boolean indexed) throws Exception {
        java.lang.reflect.Field index = AgentPayload.class.getDeclaredField("index");
        index.setAccessible(true);
        assertEquals(indexed, index.get(payload) != null);
    }

    /** An area zip, then a jar holding its index (made by the build step, its entry count shifted by {@code stale}). */
    private File layout(boolean withIndex, int stale) throws IOException {
        Path area = dir.resolve("area-" + withIndex + stale + ".zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(area))) {
            for (Map.Entry<String, byte[]> e : AREA.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                if (e.getKey().equals("stored.bin")) {
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(300);
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(e.getValue());
                    entry.setCrc(crc.getValue());
                }
                if (e.getKey().equals("long-extra.txt")) {   // more than one read's allowance for the extra field
                    byte[] extra = new byte[200];
                    extra[0] = (byte) 0xFE;
                    extra[1] = (byte) 0xCA;
                    extra[2] = (byte) 196;
                    entry.setExtra(extra);
                }
                zip.putNextEntry(entry);
                if (e.getValue() != null) {
                    zip.write(e.getValue());
                }
                zip.closeEntry();
            }
        }
        Path index = dir.resolve("payload-" + withIndex + stale + ".idx");
        PayloadIndex.main(new String[] {area.toString(), index.toString()});
        byte[] indexBytes = Files.readAllBytes(index);
        indexBytes[7] += stale;   // the entry count the index was made for
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(jar)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write("Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
            if (withIndex) {
                zip.putNextEntry(new ZipEntry(PayloadIndex.ENTRY));
                zip.write(indexBytes);
            }
        }
        Path out = dir.resolve("agent-" + withIndex + stale + ".jar");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(Files.readAllBytes(area));
        all.write(jar.toByteArray());
        Files.write(out, all.toByteArray());
        return out.toFile();
    }
}
