package io.runledger.agent;

import io.runledger.instrument.TrainingReader;
import io.runledger.snapshot.Training;
import io.runledger.util.Pending;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model description read on the agent's collection thread (DL4J's first toJson is slow): until it is in, the
 * training is written without it and the snapshot names it pending; once in, it reads as if it had been
 * read when the training started.
 */
class LateDescriptionTest {

    @Test
    void aLateDescriptionIsPendingUntilInThenTakesItsPlaceAheadOfLaterValues() throws Exception {
        Trainings trainings = new Trainings();
        Object model = new Object();
        TrainingRecord t = trainings.start("dl4j", model, "fit(DataSet)", null, null);
        t.describe("1.0", null, map("programSeed", 7L), null, null, null);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService describer = Executors.newSingleThreadExecutor();
        try {
            t.describeLater(Pending.supply(() -> {
                await(release);
                return ModelDescription.read(new FixedReader(), model, "fit(DataSet)", null);
            }, describer));
            t.addHyperparameters(map("nested", 1));   // a value a call inside the training added meanwhile
            List<String> pending = new ArrayList<>();
            Training before = trainings.freeze(uri -> null, pending).get(0);
            assertEquals(Collections.singletonList(Trainings.DESCRIPTION_PENDING), pending);
            assertEquals(Collections.singletonList("nested"), new ArrayList<>(before.hyperparameters.keySet()));
            assertEquals(map("programSeed", 7L), before.seeds);

            release.countDown();
            trainings.awaitDescriptions(System.nanoTime() + 10_000_000_000L);
            pending.clear();
            Training after = trainings.freeze(uri -> null, pending).get(0);
            assertTrue(pending.isEmpty(), "nothing pending once described: " + pending);
            assertEquals(Arrays.asList("learningRate", "nested"), new ArrayList<>(after.hyperparameters.keySet()));
            assertEquals(Arrays.asList("programSeed", "seed"), new ArrayList<>(after.seeds.keySet()));
            assertEquals("{\"layers\":2}", after.details.get("configuration"));
        } finally {
            describer.shutdownNow();
        }
    }

    @Test
    void aDescriptionThatFailsBecomesAWarningNotAPendingSectionForever() {
        Trainings trainings = new Trainings();
        TrainingRecord t = trainings.start("dl4j", new Object(), "fit(DataSet)", null, null);
        t.describeLater(Pending.supply(() -> {
            throw new IllegalStateException("toJson failed");
        }, Runnable::run));
        List<String> pending = new ArrayList<>();
        Training frozen = trainings.freeze(uri -> null, pending).get(0);
        assertTrue(pending.isEmpty());
        assertEquals(Collections.singletonList("the model's hyperparameters could not be read"), frozen.warnings);
    }

    private static Map<String, Object> map(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A reader whose description is fixed: what matters here is when it arrives. */
    private static final class FixedReader implements TrainingReader {
        @Override
        public String version(Object model) {
            return "1.0";
        }

        @Override
        public Map<String, Object> hyperparameters(Object model, String entryPoint, Object[] arguments) {
            return map("learningRate", 0.1);
        }

        @Override
        public Map<String, Object> details(Object model) {
            return map("configuration", "{\"layers\":2}");
        }

        @Override
        public Map<String, Object> seeds(Object model) {
            return map("seed", 123L);
        }

        @Override
        public boolean describesInBackground() {
            return true;
        }
    }
}
