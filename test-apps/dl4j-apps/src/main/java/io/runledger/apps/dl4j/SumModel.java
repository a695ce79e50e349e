package io.runledger.apps.dl4j;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The DL4J examples' SumModel: learn a + b from generated pairs held in a ListDataSetIterator, trained
 * with {@code for (i < epochs) { iterator.reset(); net.fit(iterator); }}. Usage: SumModel EPOCHS
 */
public final class SumModel {

    public static void main(String[] args) {
        int epochs = Integer.parseInt(args[0]);
        int samples = 1000;
        Random rng = new Random(12345);
        INDArray input = Nd4j.zeros(samples, 2);
        INDArray output = Nd4j.zeros(samples, 1);
        for (int i = 0; i < samples; i++) {
            double a = rng.nextDouble();
            double b = rng.nextDouble();
            input.putScalar(new int[] {i, 0}, a);
            input.putScalar(new int[] {i, 1}, b);
            output.putScalar(new int[] {i, 0}, a + b);
        }
        List<DataSet> list = new DataSet(input, output).asList();
        Collections.shuffle(list, rng);
        DataSetIterator iterator = new ListDataSetIterator<>(list, 100);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(12345)
                .weightInit(WeightInit.XAVIER)
                .updater(new Nesterovs(0.01, 0.9))
                .list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(10).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).nIn(10).nOut(1).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        for (int i = 0; i < epochs; i++) {
            iterator.reset();
            net.fit(iterator);
        }
        System.out.println("sum score " + net.score() + " iterations " + net.getIterationCount());
        System.out.println("sum of 0.3 and 0.5 " + net.output(Nd4j.create(new double[][] {{0.3, 0.5}})).getDouble(0));
    }
}
