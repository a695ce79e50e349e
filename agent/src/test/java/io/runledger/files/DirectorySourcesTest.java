package io.runledger.files;

import io.runledger.snapshot.DataSource;
import io.runledger.snapshot.SourceKind;
import io.runledger.util.Hex;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DirectorySourcesTest {

    private static DataSource file(String path, long size, String sha, String readBy, String firstRead) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("readBy", readBy);
        details.put("bytesRead", size);
        details.put("firstReadAt", firstRead);
        details.put("lastReadAt", firstRead);
        return new DataSource(SourceKind.FILE, java.nio.file.Paths.get(path).toUri().toString(), size, "2026-01-01T00:00:00Z", sha, null, details);
    }

    @Test
    void foldsADirectoryAtTheThresholdWithACombinedHash() {
        List<DataSource> in = new ArrayList<>();
        in.add(file("/data/train.csv", 5, Hex.sha256("t"), "dl4j", "2026-01-01T00:00:01Z"));
        in.add(file("/data/shards/b.bin", 2, Hex.sha256("b"), "jdk", "2026-01-01T00:00:03.5Z"));
        in.add(file("/data/shards/a.bin", 1, Hex.sha256("a"), "jdk", "2026-01-01T00:00:02Z"));
        in.add(file("/data/shards/c.bin", 3, Hex.sha256("c"), "jdk", "2026-01-01T00:00:04Z"));
        in.add(file("/data/other.txt", 4, Hex.sha256("o"), "jdk", "2026-01-01T00:00:05Z"));
        List<DataSource> out = DirectorySources.group(in, 3);
        assertEquals(3, out.size());
        assertEquals(SourceKind.FILE, out.get(0).kind, "a framework's file is never folded");
        DataSource dir = out.get(1);
        assertEquals(SourceKind.DIRECTORY, dir.kind);
        assertEquals("file:///data/shards/", dir.uri);
        assertEquals(6L, dir.sizeBytes);
        String lines = "a.bin\t1\t" + Hex.sha256("a") + "\nb.bin\t2\t" + Hex.sha256("b") + "\nc.bin\t3\t" + Hex.sha256("c") + "\n";
        assertEquals(Hex.sha256(lines), dir.sha256, "sorted by relative path, whatever the read order");
        assertEquals(3, dir.details.get("files"));
        assertEquals(6L, dir.details.get("bytesRead"));
        assertEquals("2026-01-01T00:00:02Z", dir.details.get("firstReadAt"));
        assertEquals("2026-01-01T00:00:04Z", dir.details.get("lastReadAt"));
        assertEquals("file:///data/other.txt", out.get(2).uri);
        assertEquals(5, DirectorySources.group(in, 4).size(), "below the threshold nothing is folded");
    }

    @Test
    void aMissingFileHashLeavesTheDirectoryHashEmpty() {
        List<DataSource> in = new ArrayList<>();
        in.add(file("/d/a", 1, Hex.sha256("a"), "jdk", "2026-01-01T00:00:00Z"));
        in.add(file("/d/b", 1, null, "jdk", "2026-01-01T00:00:00Z"));
        DataSource dir = DirectorySources.group(in, 2).get(0);
        assertNull(dir.sha256);
        assertEquals("INCOMPLETE", dir.details.get("hashStatus"));
    }
}
