package io.runledger.apps.smile;

import smile.classification.DecisionTree;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.io.Read;
import smile.validation.ClassificationValidation;

/**
 * Smile's documented hold-out validation: ClassificationValidation.of(formula, train, test, trainer),
 * whose figures live in its {@code metrics} field. Usage: IrisHoldout ARFF
 */
public final class IrisHoldout {

    public static void main(String[] args) throws Exception {
        DataFrame iris = Read.arff(args[0]);
        int[] train = new int[100];
        int[] test = new int[50];
        for (int i = 0, a = 0, b = 0; i < iris.nrow(); i++) {
            if (i % 3 == 2) {
                test[b++] = i;
            } else {
                train[a++] = i;
            }
        }
        Formula formula = Formula.lhs("class");
        ClassificationValidation<DecisionTree> validation = ClassificationValidation.of(formula, iris.of(train), iris.of(test),
                (f, d) -> DecisionTree.fit(f, d));
        System.out.println("holdout accuracy " + validation.metrics.accuracy);
        System.out.println("holdout error " + validation.metrics.error);
    }
}
