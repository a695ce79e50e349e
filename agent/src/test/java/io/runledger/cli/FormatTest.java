package io.runledger.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FormatTest {

    @Test
    void entryPointsAreShownWithSimpleJavaTypeNames() {
        assertEquals("fit(double[][], int[], Properties)", Format.method("fit([[D,[I,java.util.Properties)"));
        assertEquals("fit(Formula, DataFrame, Properties)",
                Format.method("fit(smile.data.formula.Formula,smile.data.DataFrame,java.util.Properties)"));
        assertEquals("train(String[][], long)", Format.method("train([[Ljava.lang.String;,long)"));
        assertEquals("fit()", Format.method("fit()"));
        assertEquals("", Format.method(null));
    }

    @Test
    void numbersHaveFourSignificantDigitsAndIntegersStayWhole() {
        assertEquals("0.6901", Format.value(0.6900584795321637));
        assertEquals("0.25", Format.value(0.25));
        assertEquals("1235", Format.value(1234.5678));
        assertEquals("0.0000001235", Format.number(1.2345678e-7));
        assertEquals("12345", Format.value(12345));
        assertEquals("5", Format.value(5.0));
        assertEquals("-Infinity", Format.value(Double.NEGATIVE_INFINITY));
    }

    @Test
    void evaluationNamesKeepTheClassOfAStaticCall() {
        assertEquals("CrossValidation.classification", Format.evaluationName("smile.validation.CrossValidation.classification"));
        assertEquals("LabelEvaluationImpl", Format.evaluationName("LabelEvaluationImpl"));
        assertEquals("Evaluation", Format.evaluationName("org.nd4j.evaluation.classification.Evaluation"));
    }
}
