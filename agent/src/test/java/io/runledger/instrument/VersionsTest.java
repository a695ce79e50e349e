package io.runledger.instrument;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionsTest {

    @Test
    void releasesOrderAsTheFrameworksNumberThem() {
        String[] ordered = {"1.0.0-beta6", "1.0.0-beta7", "1.0.0-M1", "1.0.0-M1.1", "1.0.0-M2", "1.0.0-M2.1", "1.0.0"};
        for (int i = 0; i < ordered.length - 1; i++) {
            assertTrue(Versions.compare(ordered[i], ordered[i + 1]) < 0, ordered[i] + " < " + ordered[i + 1]);
            assertTrue(Versions.compare(ordered[i + 1], ordered[i]) > 0, ordered[i + 1] + " > " + ordered[i]);
        }
        assertTrue(Versions.compare("2.0.3", "3.4.0") < 0);
        assertTrue(Versions.compare("3.4.0", "3.10.0") < 0, "numerically");
        assertTrue(Versions.compare("4.2.0", "4.2") == 0);
        assertTrue(Versions.compare("4.3.2", "4.3.2-SNAPSHOT") > 0);
        assertEquals(0, Versions.compare("3.1.1", "3.1.1"));
    }

    @Test
    void aVersionOutsideTheTestedRangeIsNamed() {
        String[] dl4j = {"1.0.0-M1.1", "1.0.0-M2.1"};
        assertNull(Versions.outOfRange("dl4j", "1.0.0-M2.1", dl4j));
        assertNull(Versions.outOfRange("dl4j", "1.0.0-M1.1", dl4j));
        assertTrue(Versions.outOfRange("dl4j", "1.0.0-beta7", dl4j).startsWith("dl4j 1.0.0-beta7 is older than the oldest version"));
        assertTrue(Versions.outOfRange("smile", "4.4.2", new String[] {"3.1.1", "3.1.1"}).contains("is newer than the newest version"));
        assertNull(Versions.outOfRange("dl4j", null, dl4j));
        assertNull(Versions.outOfRange("jdbc", "42.7.14", null));
    }
}
