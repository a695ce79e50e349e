package io.runledger.instrument;

import io.runledger.snapshot.Evaluation;

import java.util.Collections;
import java.util.List;

/** Reads what an evaluation call returned into named metrics. */
public interface EvaluationReader {

    /** The evaluations in {@code result}; empty when it holds none this reader understands. */
    List<Evaluation> evaluations(Object result);

    /**
     * The model an evaluation event's subject stands for (Spark passes the evaluated Dataset: the model whose
     * output it is); the subject itself by default.
     */
    default Object evaluatedModel(Object subject) {
        return subject;
    }

    /** Evaluations a training's result carries (a tuning model's best grid point); empty by default. */
    default List<Evaluation> resultEvaluations(Object result) {
        return Collections.emptyList();
    }
}
