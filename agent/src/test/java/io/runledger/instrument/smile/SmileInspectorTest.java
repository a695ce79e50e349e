package io.runledger.instrument.smile;

import io.runledger.util.Strings;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SmileInspectorTest {

    /** Compiled with a local variable table (the default for javac -g, which Maven uses). */
    static final class Sample {
        static Object fit(String formula, double learningRate, long seed, int[] weights) {
            return null;
        }
    }

    @Test
    void parameterNamesComeFromTheLocalVariableTable() throws Exception {
        Method m = Sample.class.getDeclaredMethod("fit", String.class, double.class, long.class, int[].class);
        assertEquals(Arrays.asList("formula", "learningRate", "seed", "weights"), new SmileInspector().parameterNames(m));
    }

    @Test
    void nearestKeyIsTheClosestByEditDistance() {
        List<String> keys = Arrays.asList("smile.logistic.iterations", "smile.logistic.lambda", "smile.logistic.tolerance");
        assertEquals("smile.logistic.lambda", Strings.nearest("smile.logistic.lamda", keys));
        assertEquals("smile.random_forest.trees", Strings.nearest("smile.random.forest.trees",
                Arrays.asList("smile.random_forest.max_depth", "smile.random_forest.trees", "smile.random_forest.mtry")));
        assertEquals("smile.random_forest.trees", Strings.nearest("smile.random_forest.ntrees",
                Arrays.asList("smile.random_forest.node_size", "smile.random_forest.trees", "smile.random_forest.mtry")));
        assertEquals(1, Strings.editDistance("lamda", "lambda"));
        assertEquals(0, Strings.editDistance("x", "x"));
    }
}
