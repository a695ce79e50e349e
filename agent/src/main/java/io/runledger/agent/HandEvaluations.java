package io.runledger.agent;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluators the program fills itself, as the frameworks' examples do ({@code eval.eval(labels,
 * model.output(x))} in a loop): each is remembered at its first fill with the training whose model last
 * predicted on that thread, and read once, when the run ends, when its figures are final. Reading then
 * calls only the evaluator's getters, never anything that consumes data. The latest {@link #KEPT}
 * evaluators are held until then (a program's evaluator is unreachable once it has printed its figures, and
 * a collection before the end would lose them); older ones only weakly, so a loop that makes a new
 * evaluator every epoch does not keep them all.
 */
final class HandEvaluations {

    /** One evaluator and the training it is attributed to. */
    static final class Filled {
        final String framework;
        final WeakReference<Object> evaluator;
        /** Until {@link #KEPT} newer evaluators were filled. */
        volatile Object held;
        final TrainingRecord training;
        /** How the training was told: by the model that predicted last, or only as the latest training. */
        final boolean byPrediction;

        Filled(String framework, Object evaluator, TrainingRecord training, boolean byPrediction) {
            this.framework = framework;
            this.evaluator = new WeakReference<>(evaluator);
            this.held = evaluator;
            this.training = training;
            this.byPrediction = byPrediction;
        }

        /** The evaluator, or null once it was let go and collected. */
        Object get() {
            Object e = held;
            return e != null ? e : evaluator.get();
        }
    }

    /** How many of the latest evaluators are held until the run ends. */
    static final int KEPT = 16;

    private final List<Filled> filled = new ArrayList<>();
    private final ThreadLocal<WeakReference<Object>> predictor = new ThreadLocal<>();
    /** The evaluator of the last fill: a loop of fills costs a reference comparison each. */
    private volatile WeakReference<Object> last = new WeakReference<>(null);

    void predicted(Object model) {
        WeakReference<Object> p = predictor.get();
        if (p == null || p.get() != model) {
            predictor.set(new WeakReference<>(model));
        }
    }

    void filled(String framework, Object evaluator, Trainings trainings) {
        if (last.get() == evaluator) {
            return;
        }
        synchronized (this) {
            for (Filled f : filled) {
                if (f.evaluator.get() == evaluator) {
                    last = f.evaluator;
                    return;
                }
            }
            WeakReference<Object> p = predictor.get();
            Object model = p == null ? null : p.get();
            TrainingRecord t = trainings.of(model);
            Filled f = new Filled(framework, evaluator, t, model != null && t != null && t.isFor(model));
            filled.add(f);
            if (filled.size() > KEPT) {
                filled.get(filled.size() - KEPT - 1).held = null;
            }
            last = f.evaluator;
        }
    }

    /** The evaluators still alive at the end of the run, in the order they were first filled. */
    synchronized List<Filled> all() {
        return new ArrayList<>(filled);
    }
}
