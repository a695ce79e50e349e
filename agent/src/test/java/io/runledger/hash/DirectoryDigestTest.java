package io.runledger.hash;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import io.runledger.util.Hex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** A directory artifact's digest: every file, in order, and the same whether computed by the engine or at once. */
class DirectoryDigestTest {

    private static String digest(Path dir) throws Exception {
        HashEngine engine = new HashEngine(new HashCache(null), 2);
        DirectoryDigest d = DirectoryDigest.of(engine, dir).get();
        assertEquals(FileHash.Status.COMPLETE, d.total.status, String.valueOf(d.total.error));
        assertEquals(d.total.sha256, DirectoryDigest.sha256Now(dir), "the CLI's digest is the recorder's");
        return d.total.sha256;
    }

    @Test
    void coversEveryFileItsNameSizeAndContent(@TempDir Path dir) throws Exception {
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.createDirectories(model.resolve("metadata"));
        Files.writeString(model.resolve("metadata/part-00000"), "{\"class\":\"PipelineModel\"}");
        Files.writeString(model.resolve("metadata/_SUCCESS"), "");
        Files.createDirectories(model.resolve("stages/0_scaler/data"));
        Files.writeString(model.resolve("stages/0_scaler/data/part-00000.parquet"), "PAR1 data PAR1");

        HashEngine engine = new HashEngine(new HashCache(null), 2);
        DirectoryDigest d = DirectoryDigest.of(engine, model).get();
        assertEquals(3, d.parts.size());
        assertEquals("metadata/_SUCCESS", d.parts.get(0).path, "sorted by relative path");
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        for (DirectoryDigest.Part p : d.parts) {
            assertEquals(HashEngine.sha256Now(model.resolve(p.path)), p.sha256);
            expected.update((p.path + "\t" + p.sizeBytes + "\t" + p.sha256 + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(Hex.of(expected.digest()), digest(model));

        String before = digest(model);
        Files.writeString(model.resolve("stages/0_scaler/data/part-00000.parquet"), "PAR1 dat4 PAR1");
        String changed = digest(model);
        assertNotEquals(before, changed, "a changed byte");
        Files.move(model.resolve("metadata/_SUCCESS"), model.resolve("metadata/_DONE"));
        String renamed = digest(model);
        assertNotEquals(changed, renamed, "a renamed file");
        Files.writeString(model.resolve("extra"), "");
        assertNotEquals(renamed, digest(model), "an added empty file");
    }
}
