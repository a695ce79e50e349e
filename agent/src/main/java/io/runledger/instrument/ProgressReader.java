package io.runledger.instrument;

/** Reads a model's training progress at an iteration or epoch event. */
public interface ProgressReader {

    /** The model's score, iteration and epoch right now; null when unknown. */
    default Progress progress(Object model) {
        return null;
    }

    /** Starts reading a loss the framework only logs, into {@code sink} (called at a training's start). */
    default void watchLoss(LossSink sink) {
    }

    /** Receives logged loss values. */
    interface LossSink {
        void loss(long iteration, double value);
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
