package io.runledger.apps.smile;

import smile.classification.DecisionTree;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.io.Read;
import smile.io.Write;
import smile.math.MathEx;
import smile.validation.ClassificationMetrics;
import smile.validation.LOOCV;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Smile's documented way to be reproducible and to validate: MathEx.setSeed, then leave-one-out
 * cross-validation of a decision tree (150 fits), then the model fitted on all the data and saved.
 * Usage: IrisLoocv ARFF OUTPUT_DIR
 */
public final class IrisLoocv {

    public static void main(String[] args) throws Exception {
        MathEx.setSeed(19650218);
        DataFrame iris = Read.arff(args[0]);
        Formula formula = Formula.lhs("class");
        ClassificationMetrics loocv = LOOCV.classification(formula, iris, (f, d) -> DecisionTree.fit(f, d));
        System.out.println("loocv accuracy " + loocv.accuracy + " error " + loocv.error);
        DecisionTree model = DecisionTree.fit(formula, iris);
        Path out = Files.createDirectories(Paths.get(args[1]));
        Path file = out.resolve("iris-tree.ser");
        Write.object(model, file);
        System.out.println("tree saved " + file.toAbsolutePath() + " size " + model.size());
    }
}
