package io.runledger.instrument;

import io.runledger.snapshot.Evaluation;

import java.util.List;

/** Reads what an evaluation call returned into named metrics. */
public interface EvaluationReader {

    /** The evaluations in {@code result}; empty when it holds none this reader understands. */
    List<Evaluation> evaluations(Object result);
}
