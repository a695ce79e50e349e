package io.runledger.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The project's own copies of the small data sets (used in place) and helpers to compare what runs produced. */
final class TestData {

    static final Path SHARED = AgentProcess.ROOT.resolve("test-apps/data").normalize();

    private TestData() {
    }

    static Path file(String name) {
        Path p = SHARED.resolve(name);
        assertTrue(Files.isRegularFile(p), "data set missing: " + p);
        return p;
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** Entry name to content hash: DL4J's zips differ in entry timestamps between any two runs, never in content. */
    static Map<String, String> zipContents(Path zip) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.put(e.getName(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes())));
            }
        }
        return out;
    }

    /** The value after {@code key } on the line of {@code output} that starts with {@code prefix}. */
    static String printed(String output, String prefix, String key) {
        for (String line : output.split("\n")) {
            if (line.startsWith(prefix)) {
                String[] words = line.trim().split(" ");
                for (int i = 0; i < words.length - 1; i++) {
                    if (words[i].equals(key)) {
                        return words[i + 1];
                    }
                }
            }
        }
        throw new AssertionError("no '" + prefix + " ... " + key + "' in:\n" + output);
    }
}
