package io.runledger.apps.dl4j;

import org.datavec.api.records.reader.RecordReader;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.records.reader.impl.transform.TransformProcessRecordReader;
import org.datavec.api.split.FileSplit;
import org.datavec.api.transform.TransformProcess;
import org.datavec.api.transform.schema.Schema;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.evaluation.regression.RegressionEvaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.File;
import java.util.Arrays;

/**
 * A ComputationGraph regression of abalone rings: the sex column one-hot encoded through a DataVec
 * TransformProcess, min-max scaling, fit(iterator, epochs), evaluated on the test file, saved with save(File).
 * Usage: AbaloneGraph TRAIN_FILE TEST_FILE OUTPUT_DIR [EPOCHS]
 */
public final class AbaloneGraph {

    public static void main(String[] args) throws Exception {
        File out = new File(args[2]);
        int epochs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        out.mkdirs();
        Schema schema = new Schema.Builder()
                .addColumnCategorical("sex", Arrays.asList("M", "F", "I"))
                .addColumnsDouble("length", "diameter", "height", "whole", "shucked", "viscera", "shell")
                .addColumnInteger("rings")
                .build();
        TransformProcess tp = new TransformProcess.Builder(schema).categoricalToOneHot("sex").build();
        DataSetIterator train = iterator(args[0], tp);
        DataSetIterator test = iterator(args[1], tp);
        NormalizerMinMaxScaler scaler = new NormalizerMinMaxScaler();
        scaler.fit(train);
        train.setPreProcessor(scaler);
        test.setPreProcessor(scaler);

        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(0.01))
                .graphBuilder()
                .addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(10).nOut(16).activation(Activation.RELU).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .nIn(16).nOut(1).build(), "hidden")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        graph.setListeners(new PrintingListener("abalone"));
        graph.fit(train, epochs);
        System.out.println("abalone iterations " + graph.getConfiguration().getIterationCount() + " finalScore " + graph.score());
        RegressionEvaluation eval = graph.evaluateRegression(test);
        System.out.println("abalone mse " + eval.averageMeanSquaredError());
        System.out.println("abalone mae " + eval.averageMeanAbsoluteError());
        System.out.println("abalone r2 " + eval.averageRSquared());
        File file = new File(out, "abalone-graph.zip");
        graph.save(file);
        System.out.println("abalone model " + file.getAbsolutePath());
    }

    private static DataSetIterator iterator(String path, TransformProcess tp) throws Exception {
        RecordReader csv = new CSVRecordReader(0, ',');
        csv.initialize(new FileSplit(new File(path)));
        RecordReader reader = new TransformProcessRecordReader(csv, tp);
        return new RecordReaderDataSetIterator(reader, 64, 10, 10, true);
    }
}
