package io.runledger.apps.dl4j;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

import java.io.File;

/**
 * The classic DL4J Iris classifier: CSVRecordReader, NormalizerStandardize, a MultiLayerNetwork whose
 * listeners are set after init(), evaluation, ModelSerializer.writeModel.
 * Usage: IrisClassifier DATA_FILE OUTPUT_DIR [EPOCHS [standardize|minmax [FIRST_LAYER_NAME [LEARNING_RATE]]]]
 */
public final class IrisClassifier {

    public static void main(String[] args) throws Exception {
        String data = args[0];
        File out = new File(args[1]);
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        out.mkdirs();
        DataSetIterator iterator = Iris.iterator(data);
        boolean minMax = args.length > 3 && args[3].equals("minmax");
        DataNormalization normalizer = minMax ? Iris.normalizeMinMax(iterator) : Iris.normalize(iterator);
        double learningRate = args.length > 5 ? Double.parseDouble(args[5]) : 0.05;
        MultiLayerNetwork model = Iris.network(learningRate, 8, args.length > 4 ? args[4] : "input");
        model.setListeners(new PrintingListener("iris"));
        StringBuilder listeners = new StringBuilder();
        model.getListeners().forEach(l -> listeners.append(l.getClass().getSimpleName()).append(' '));
        System.out.println("iris listeners " + model.getListeners().size() + ": " + listeners.toString().trim());
        System.out.println("iris learningRate " + learningRate + " epochs " + epochs + " seed " + Iris.SEED + " params " + model.numParams());
        model.fit(iterator, epochs);
        System.out.println("iris iterations " + model.getIterationCount() + " epochs " + model.getEpochCount() + " finalScore " + model.score());
        DataSetIterator evaluation = Iris.iterator(data);   // read afresh for evaluation
        evaluation.setPreProcessor(normalizer);
        Iris.evaluate("iris", model, evaluation);
        File file = new File(out, "iris-model.zip");
        ModelSerializer.writeModel(model, file, true);
        System.out.println("iris model " + file.getAbsolutePath());
        // DL4J 1.0.0-M2.1 fails to write a model together with its normalizer ("stream is closed").
        try {
            ModelSerializer.writeModel(model, new File(out, "iris-with-normalizer.zip"), true, normalizer);
            System.out.println("iris normalizer-save ok");
        } catch (Exception e) {
            System.out.println("iris normalizer-save failed: " + e);
        }
    }
}
