package io.runledger.apps.tribuo;

import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.data.columnar.FieldProcessor;
import org.tribuo.data.columnar.RowProcessor;
import org.tribuo.data.columnar.processors.field.DoubleFieldProcessor;
import org.tribuo.data.columnar.processors.response.FieldResponseProcessor;
import org.tribuo.data.csv.CSVDataSource;
import org.tribuo.evaluation.TrainTestSplitter;
import org.tribuo.math.optimisers.AdaGrad;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small grid search: five LinearSGDTrainers with different learning rates on Iris; the best is saved. */
public final class IrisGridSearch {

    private static final List<String> HEADER = Arrays.asList("sepalLength", "sepalWidth", "petalLength", "petalWidth", "species");

    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Paths.get(args[1]));
        Map<String, FieldProcessor> fields = new LinkedHashMap<>();
        for (String f : HEADER.subList(0, 4)) {
            fields.put(f, new DoubleFieldProcessor(f));
        }
        RowProcessor<Label> rows = new RowProcessor<>(new FieldResponseProcessor<>("species", "", new LabelFactory()), fields);
        CSVDataSource<Label> source = new CSVDataSource<>(Paths.get(args[0]), rows, true, ',', '"', HEADER);
        TrainTestSplitter<Label> split = new TrainTestSplitter<>(source, 0.7, 7L);
        MutableDataset<Label> train = new MutableDataset<>(split.getTrain());
        MutableDataset<Label> test = new MutableDataset<>(split.getTest());
        double best = -1;
        Model<Label> bestModel = null;
        for (double lr : new double[] {0.01, 0.05, 0.1, 0.5, 1.0}) {
            Model<Label> model = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(lr), 10, 1000, 1, 1L).train(train);
            double accuracy = new LabelEvaluator().evaluate(model, test).accuracy();
            System.out.println("grid lr " + lr + " accuracy " + accuracy);
            if (accuracy > best) {
                best = accuracy;
                bestModel = model;
            }
        }
        Path file = out.resolve("iris-best.tribuo");
        bestModel.serializeToFile(file);
        System.out.println("grid best " + best + " saved " + file.toAbsolutePath());
        // also the plain Java way: Tribuo models are Serializable
        Path javaFile = out.resolve("iris-best.ser");
        try (java.io.ObjectOutputStream stream = new java.io.ObjectOutputStream(
                new java.io.BufferedOutputStream(Files.newOutputStream(javaFile)))) {
            stream.writeObject(bestModel);
            stream.writeObject("a string is not a model");
        }
        System.out.println("grid serialized " + javaFile.toAbsolutePath());
    }
}
