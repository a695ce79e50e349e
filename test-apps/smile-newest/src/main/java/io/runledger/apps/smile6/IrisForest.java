package io.runledger.apps.smile6;

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

/**
 * Smile 6's documented usage (Java 25): a RandomForest fitted with an {@code Options} record (no
 * Properties), 5-fold cross-validation, the model written with {@code Write.object}, MathEx seeded; then a
 * forest from {@code Options.of(Properties)} whose depth key is misspelt (Smile uses its default).
 * Usage: IrisForest ARFF OUTPUT_DIR
 */
public final class IrisForest {

    private IrisForest() {
    }

    public static void main(String[] args) throws Exception {
        MathEx.setSeed(19650218);
        Path out = Files.createDirectories(Paths.get(args[1]));
        DataFrame iris = Read.arff(Paths.get(args[0]));
        Formula formula = Formula.lhs("class");
        RandomForest.Options options = new RandomForest.Options(60);
        RandomForest model = RandomForest.fit(formula, iris, options);
        System.out.println("rf trees " + model.trees().length + " rows " + iris.nrow());
        ClassificationValidations<RandomForest> cv = CrossValidation.classification(5, formula, iris,
                (f, d) -> RandomForest.fit(f, d, options));
        System.out.println("rf cv accuracy " + cv.avg().accuracy());
        Path file = out.resolve("iris-rf.ser");
        Write.object(model, file);
        System.out.println("rf saved " + file.toAbsolutePath());

        Properties props = new Properties();
        props.setProperty("smile.random_forest.trees", "20");
        props.setProperty("smile.random_forest.max_dept", "3");   // misspelt: max_depth
        RandomForest fromProperties = RandomForest.fit(formula, iris, RandomForest.Options.of(props));
        System.out.println("rf from properties trees " + fromProperties.trees().length);
    }
}
