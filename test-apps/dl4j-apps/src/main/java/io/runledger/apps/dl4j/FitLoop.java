package io.runledger.apps.dl4j;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.SplitTestAndTrain;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;

import java.io.File;

/**
 * The DL4J examples' way to train Iris: all of it in one DataSet, shuffled and split, normalized, then
 * {@code for (i < N) model.fit(trainingData)}, evaluated by hand with {@code Evaluation.eval}.
 * Usage: FitLoop DATA_FILE OUTPUT_DIR CALLS [second]   (second: then a second loop on a new network)
 */
public final class FitLoop {

    public static void main(String[] args) throws Exception {
        int calls = Integer.parseInt(args[2]);
        Nd4j.getRandom().setSeed(7);   // the examples' way to make data shuffling reproducible
        DataSetIterator iterator = Iris.iterator(args[0]);
        DataSet all = new DataSet();
        java.util.List<DataSet> batches = new java.util.ArrayList<>();
        while (iterator.hasNext()) {
            batches.add(iterator.next());
        }
        all = DataSet.merge(batches);
        all.shuffle(42);
        SplitTestAndTrain split = all.splitTestAndTrain(0.65);
        DataSet trainingData = split.getTrain();
        DataSet testData = split.getTest();
        NormalizerStandardize normalizer = new NormalizerStandardize();
        normalizer.fit(trainingData);
        normalizer.transform(trainingData);
        normalizer.transform(testData);

        MultiLayerNetwork model = Iris.network(0.1, 3);
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            model.fit(trainingData);
        }
        System.out.println("loop score " + model.score() + " iterations " + model.getIterationCount());
        System.err.println("loop seconds " + (System.nanoTime() - start) / 1e9);
        if (args.length > 3 && args[3].equals("second")) {
            MultiLayerNetwork second = Iris.network(0.05, 3);   // another network: another training
            for (int i = 0; i < calls / 2; i++) {
                second.fit(trainingData);
            }
            System.out.println("second score " + second.score() + " iterations " + second.getIterationCount());
        }
        Evaluation eval = new Evaluation(3);
        INDArray output = model.output(testData.getFeatures());
        eval.eval(testData.getLabels(), output);
        System.out.println("loop accuracy " + eval.accuracy());
        System.out.println("test labels rows " + testData.getLabels().rows() + " sha256 " + sha256(testData.getLabels().dup().data().asBytes()));
        new File(args[1]).mkdirs();
    }

    private static String sha256(byte[] bytes) throws java.security.NoSuchAlgorithmException {
        StringBuilder hex = new StringBuilder();
        for (byte b : java.security.MessageDigest.getInstance("SHA-256").digest(bytes)) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }
}
