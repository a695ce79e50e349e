package io.runledger.apps.dl4j;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.io.File;

/** Two networks trained one after the other in one JVM, each with its own learning rate; the better one is saved. */
public final class LearningRateSweep {

    public static void main(String[] args) throws Exception {
        String data = args[0];
        File out = new File(args[1]);
        out.mkdirs();
        DataSetIterator iterator = Iris.iterator(data);
        Iris.normalize(iterator);
        double best = -1;
        MultiLayerNetwork bestModel = null;
        for (double lr : new double[] {0.1, 0.01}) {
            String tag = "lr" + lr;
            MultiLayerNetwork model = Iris.network(lr, 6);
            model.setListeners(new PrintingListener(tag));
            model.fit(iterator, 5);
            System.out.println(tag + " finalScore " + model.score());
            double accuracy = Iris.evaluate(tag, model, iterator);
            if (accuracy > best) {
                best = accuracy;
                bestModel = model;
            }
        }
        File file = new File(out, "best-model.zip");
        bestModel.save(file, false);
        System.out.println("sweep model " + file.getAbsolutePath());
    }
}
