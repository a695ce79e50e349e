package io.runledger.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Model bytes handed to the program become an artifact only where a written file holds exactly them. */
class ModelBytesTest {

    @Test
    void onlyAWrittenFileWithTheSameBytesIsTheModel(@TempDir Path dir) throws Exception {
        byte[] model = "a booster's bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path same = Files.write(dir.resolve("model.ubj"), model);
        Path sameLength = Files.write(dir.resolve("other.bin"), "A booster's bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path longer = Files.write(dir.resolve("log.txt"), "a booster's bytes, and more".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.write(dir.resolve("never-written-by-the-run.ubj"), model);
        ModelBytes bytes = new ModelBytes();
        bytes.made("xgboost", 2, model);
        bytes.made("xgboost", 3, model.clone());   // the same model again: still one
        List<FileRecord> files = bytes.files(List.of(same.toString(), sameLength.toString(), longer.toString(),
                dir.resolve("deleted.ubj").toString()));
        assertEquals(1, files.size(), files.toString());
        assertEquals(same, files.get(0).path);
        assertEquals(Integer.valueOf(2), files.get(0).training);
        assertTrue(new ModelBytes().files(List.of(same.toString())).isEmpty(), "no bytes made: nothing read");
    }
}
