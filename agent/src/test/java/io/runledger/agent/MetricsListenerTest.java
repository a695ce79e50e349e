package io.runledger.agent;

import io.runledger.redact.Redactor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The metrics come up on the collection thread, maybe after the first steps of a short training: the
 * steps taken before are told when they start listening, the later ones one by one, each exactly once.
 */
class MetricsListenerTest {

    @Test
    void everyStepIsCountedOnceWhenTheMetricsStartDuringTheTraining() throws Exception {
        Trainings trainings = new Trainings();
        TrainingEvents events = new TrainingEvents(new TrainingEvents.Recorder() {
            @Override
            public void begin() {
            }

            @Override
            public Redactor redactor() {
                return Redactor.defaults();
            }

            @Override
            public void epochEnded() {
            }

            @Override
            public void trainingEnded() {
            }

            @Override
            public void modelUsed(String what) {
            }

            @Override
            public java.util.concurrent.Executor background() {
                return Runnable::run;
            }
        }, false, trainings, new DataSources(false), new Artifacts());
        events.expectListener();   // as the recorder does before it starts the metrics
        TrainingRecord t = trainings.start("dl4j", new Object(), "fit(DataSetIterator)", null, null);
        Counting metrics = new Counting();
        Thread training = new Thread(() -> {
            for (int i = 0; i < 20_000; i++) {
                events.step(t, "dl4j", i, 0, 1.0 / (i + 1));
            }
        });
        training.start();
        while (t.iterationScores.count() < 1_000) {
            Thread.sleep(1);
        }
        events.listen(metrics);   // while the training thread is still stepping
        training.join();
        assertEquals(20_000, t.iterationScores.count());
        assertEquals(20_000, metrics.before.get() + metrics.one.get(), "before " + metrics.before + ", then " + metrics.one);
    }

    private static final class Counting implements RunListener {
        final AtomicLong before = new AtomicLong();
        final AtomicLong one = new AtomicLong();

        @Override
        public void iteration(String framework, String modelType, double score) {
            one.incrementAndGet();
        }

        @Override
        public void iterationsBefore(String framework, String modelType, long count) {
            before.addAndGet(count);
        }

        @Override
        public void epoch(String framework, String modelType) {
        }

        @Override
        public void trainingEnded(String framework, String modelType, Duration took, boolean failed) {
        }

        @Override
        public void evaluation(String framework, String metric, double value) {
        }

        @Override
        public void dataFile(long bytes) {
        }

        @Override
        public void dataHashed(long nanos) {
        }
    }
}
