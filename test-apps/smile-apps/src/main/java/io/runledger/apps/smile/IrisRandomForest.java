package io.runledger.apps.smile;

import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.io.Read;
import smile.io.Write;
import smile.math.MathEx;
import smile.validation.ClassificationValidations;
import smile.validation.CrossValidation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Properties;

/** Read.arff, RandomForest.fit with Properties (trees=60, max_depth=12), 5-fold CV, Write.object. Usage: IrisRandomForest ARFF OUTPUT_DIR */
public final class IrisRandomForest {

    public static void main(String[] args) throws Exception {
        MathEx.setSeed(19650218);
        Path out = Files.createDirectories(Paths.get(args[1]));
        DataFrame iris = Read.arff(args[0]);
        Formula formula = Formula.lhs("class");
        Properties props = new Properties();
        props.setProperty("smile.random_forest.trees", "60");
        props.setProperty("smile.random_forest.max_depth", "12");
        RandomForest model = RandomForest.fit(formula, iris, props);
        System.out.println("rf trees " + model.trees().length + " rows " + iris.nrow());
        ClassificationValidations<RandomForest> cv = CrossValidation.classification(5, formula, iris, (f, d) -> RandomForest.fit(f, d, props));
        System.out.println("rf cv accuracy " + cv.avg.accuracy);
        Path file = out.resolve("iris-rf.ser");
        Write.object(model, file);
        System.out.println("rf saved " + file.toAbsolutePath());
    }
}
