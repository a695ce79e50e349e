package io.runledger.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigTableTest {

    /** The README's table is made from the declarations: a key added, renamed or re-documented in code shows here. */
    @Test
    void readmeTableIsTheOneMadeFromTheKeys() throws Exception {
        String readme = new String(Files.readAllBytes(Paths.get("..", "README.md")), "UTF-8");
        String table = ConfigTable.markdown();
        assertTrue(readme.contains(table), "README.md's configuration table must be exactly this (java -cp agent/target/classes io.runledger.config.ConfigTable):\n" + table);
    }
}
