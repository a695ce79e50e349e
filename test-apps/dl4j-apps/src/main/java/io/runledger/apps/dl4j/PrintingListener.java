package io.runledger.apps.dl4j;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/** Prints every iteration's score in full precision, so runs can be compared exactly. */
public final class PrintingListener extends BaseTrainingListener {

    private final String tag;

    public PrintingListener(String tag) {
        this.tag = tag;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        System.out.println(tag + " iteration " + iteration + " epoch " + epoch + " score " + model.score());
    }
}
