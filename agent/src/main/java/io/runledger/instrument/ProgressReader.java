package io.runledger.instrument;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Reads a model's training progress at an iteration or epoch event. */
public interface ProgressReader {

    /** The model's score, iteration and epoch right now; null when unknown. */
    default Progress progress(Object model) {
        return null;
    }

    /** Starts reading a loss the framework only logs, into {@code sink} (called at a training's start). */
    default void watchLoss(LossSink sink) {
    }

    /**
     * Metrics the framework computed itself for one round of a running training, read from what an
     * evaluation event returned (XGBoost's watch evaluations, "[3]\ttrain-rmse:0.21\ttest-rmse:0.25");
     * null when {@code result} is no such thing. Recorded as one metric series per name.
     */
    default RoundMetrics roundMetrics(Object result) {
        return null;
    }

    /** The per-round history a training's result carries (XGBoost's cross-validation); empty when none. */
    default List<RoundMetrics> resultRounds(Object result) {
        return Collections.emptyList();
    }

    /** Receives logged loss values. */
    interface LossSink {
        void loss(long iteration, double value);
    }

    /** Named values of one training round, as the framework reported them. */
    final class RoundMetrics {
        public final long round;
        public final Map<String, Double> values;

        public RoundMetrics(long round, Map<String, Double> values) {
            this.round = round;
            this.values = values;
        }
    }

    /** One reading of a model's progress. */
    final class Progress {
        public final double score;
        public final long iteration;
        public final int epoch;

        public Progress(double score, long iteration, int epoch) {
            this.score = score;
            this.iteration = iteration;
            this.epoch = epoch;
        }
    }
}
