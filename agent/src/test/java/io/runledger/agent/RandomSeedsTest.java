package io.runledger.agent;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Runs with java.util opened to the test's module, as the agent opens it to itself. */
class RandomSeedsTest {

    @Test
    void aFreshGeneratorGivesTheSeedItWasCreatedWith() {
        RandomSeeds seeds = new RandomSeeds();
        assertEquals(123L, seeds.firstSeen(new Random(123)));
        assertEquals(0L, seeds.firstSeen(new Random(0)));
        assertEquals((1L << 48) - 1, seeds.firstSeen(new Random(-1)), "a seed counts modulo 2^48");
    }

    @Test
    void aUsedGeneratorGivesASeedThatRepeatsItsNextDraws() {
        Random used = new Random(99);
        used.nextInt();
        long seed = new RandomSeeds().firstSeen(used);
        Random again = new Random(seed);
        for (int i = 0; i < 5; i++) {
            assertEquals(used.nextLong(), again.nextLong());
        }
    }

    @Test
    void eachGeneratorIsReadOnceAndOnlyPlainRandomCounts() {
        RandomSeeds seeds = new RandomSeeds();
        Random random = new Random(7);
        assertEquals(7L, seeds.firstSeen(random));
        assertNull(seeds.firstSeen(random), "the second call that gets it adds nothing");
        assertNull(seeds.firstSeen(new SecureRandom()));
        assertNull(seeds.firstSeen(new Random(1) { }));
        assertNull(seeds.firstSeen(null));
    }

    @Test
    void seedNamesSayWhichCallTookTheGenerator() {
        assertEquals("FileSplit(Random)", RandomSeeds.seedName("org.datavec.api.split.FileSplit.<init>"));
        assertEquals("DataSet.splitTestAndTrain(Random)", RandomSeeds.seedName("org.nd4j.linalg.dataset.DataSet.splitTestAndTrain"));
    }
}
