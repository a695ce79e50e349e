package io.runledger.apps.dl4j;

import org.datavec.api.records.reader.RecordReader;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.File;

/** Shared by the Iris programs: read, normalize, build, train, evaluate. */
final class Iris {

    static final int SEED = 123;
    static final int BATCH = 10;

    private Iris() {
    }

    static DataSetIterator iterator(String path) throws Exception {
        RecordReader reader = new CSVRecordReader(0, ',');
        reader.initialize(new FileSplit(new File(path)));
        return new RecordReaderDataSetIterator(reader, BATCH, 4, 3);
    }

    static MultiLayerNetwork network(double learningRate, int hidden) {
        return network(learningRate, hidden, "input");
    }

    static MultiLayerNetwork network(double learningRate, int hidden, String firstLayerName) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(SEED)
                .activation(Activation.TANH)
                .weightInit(WeightInit.XAVIER)
                .updater(new Nesterovs(learningRate, 0.9))
                .l2(1e-4)
                .list()
                .layer(new DenseLayer.Builder().name(firstLayerName).nIn(4).nOut(hidden).build())
                .layer(new DenseLayer.Builder().nIn(hidden).nOut(hidden).dropOut(0.9).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                        .activation(Activation.SOFTMAX).nIn(hidden).nOut(3).build())
                .build();
        MultiLayerNetwork model = new MultiLayerNetwork(conf);
        model.init();
        return model;
    }

    static NormalizerStandardize normalize(DataSetIterator data) {
        NormalizerStandardize normalizer = new NormalizerStandardize();
        normalizer.fit(data);
        data.setPreProcessor(normalizer);
        return normalizer;
    }

    static NormalizerMinMaxScaler normalizeMinMax(DataSetIterator data) {
        NormalizerMinMaxScaler normalizer = new NormalizerMinMaxScaler();
        normalizer.fit(data);
        data.setPreProcessor(normalizer);
        return normalizer;
    }

    static double evaluate(String tag, MultiLayerNetwork model, DataSetIterator data) {
        Evaluation eval = model.evaluate(data);
        System.out.println(tag + " accuracy " + eval.accuracy());
        System.out.println(tag + " f1 " + eval.f1());
        return eval.accuracy();
    }
}
