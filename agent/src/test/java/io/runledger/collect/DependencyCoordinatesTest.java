package io.runledger.collect;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A jar of a Maven repository is identified by the {@code pom.properties} its path names, without
 * listing its entries: checked against the full search on every jar of this test's class path (the
 * local repository's layout, as in a training program's class path).
 */
class DependencyCoordinatesTest {

    @Test
    void theRepositoryPathGivesWhatSearchingTheJarGives() throws Exception {
        List<String> compared = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Paths.get(entry);
            if (!entry.endsWith(".jar") || !jar.toFile().isFile()) {
                continue;
            }
            try (JarFile file = new JarFile(jar.toFile(), false)) {
                DependencyCollector.Coordinates named = DependencyCollector.fromRepositoryLayout(file, jar);
                if (named == null) {
                    continue;
                }
                DependencyCollector.Coordinates searched = DependencyCollector.searched(file, jar.getFileName().toString().toLowerCase(Locale.ROOT));
                assertEquals(searched.group + ":" + searched.artifact + ":" + searched.version,
                        named.group + ":" + named.artifact + ":" + named.version, jar.toString());
                compared.add(jar.getFileName().toString());
            }
        }
        assertTrue(compared.size() >= 10, "jars compared: " + compared);
    }
}
