package io.runledger.apps.tribuo;

import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.data.columnar.FieldProcessor;
import org.tribuo.data.columnar.RowProcessor;
import org.tribuo.data.columnar.processors.field.DoubleFieldProcessor;
import org.tribuo.data.columnar.processors.field.IdentityProcessor;
import org.tribuo.data.columnar.processors.response.FieldResponseProcessor;
import org.tribuo.data.csv.CSVDataSource;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.evaluation.RegressionEvaluation;
import org.tribuo.regression.evaluation.RegressionEvaluator;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.Transformation;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Regression of abalone rings with a TransformTrainer (mean/variance scaling) around a linear SGD
 * regression trainer, evaluated on the test file. Usage: AbaloneTransformRegression TRAIN TEST OUTPUT_DIR
 */
public final class AbaloneTransformRegression {

    private static final List<String> HEADER = Arrays.asList("sex", "length", "diameter", "height", "whole", "shucked", "viscera", "shell", "rings");

    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Paths.get(args[2]));
        MutableDataset<Regressor> train = new MutableDataset<>(source(args[0]));
        MutableDataset<Regressor> test = new MutableDataset<>(source(args[1]));
        LinearSGDTrainer inner = new LinearSGDTrainer(new SquaredLoss(), new AdaGrad(0.1), 5, 1000, 1, 42L);
        // standardize the measurements; the one-hot sex features stay as they are
        Map<String, List<Transformation>> perFeature = new LinkedHashMap<>();
        for (String numeric : HEADER.subList(1, 8)) {
            perFeature.put(numeric, Collections.singletonList(new MeanStdDevTransformation()));
        }
        TransformTrainer<Regressor> trainer = new TransformTrainer<>(inner, new TransformationMap(perFeature));
        Model<Regressor> model = trainer.train(train);
        Provenances.print("abalone", model);
        RegressionEvaluation eval = new RegressionEvaluator().evaluate(model, test);
        System.out.println("abalone rmse " + eval.averageRMSE());
        System.out.println("abalone mae " + eval.averageMAE());
        System.out.println("abalone r2 " + eval.averageR2());
        Path file = out.resolve("abalone-model.tribuo");
        model.serializeToFile(file);
        System.out.println("abalone saved " + file.toAbsolutePath());
    }

    private static CSVDataSource<Regressor> source(String file) {
        Map<String, FieldProcessor> fields = new LinkedHashMap<>();
        fields.put("sex", new IdentityProcessor("sex"));
        for (String numeric : HEADER.subList(1, 8)) {
            fields.put(numeric, new DoubleFieldProcessor(numeric, true));
        }
        RowProcessor<Regressor> rows = new RowProcessor<>(new FieldResponseProcessor<>("rings", "0", new RegressionFactory()), fields);
        return new CSVDataSource<>(Paths.get(file), rows, true, ',', '"', HEADER);
    }
}
