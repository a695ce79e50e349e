package io.runledger.util;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A configuration's JSON as dotted keys, the shape DL4J's hyperparameters are stored and diffed in. */
class JsonFlattenerTest {

    private static Object json(String text) throws Exception {
        return JsonValues.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void objectsNestArraysOfScalarsStayOneValueAndTypesAreKept() throws Exception {
        Object conf = json("{\"seed\":123,\"miniBatch\":true,\"l2\":1.0E-4,\"big\":12345678901,"
                + "\"layer\":{\"@class\":\"org.deeplearning4j.nn.conf.layers.DenseLayer\",\"nin\":4,"
                + "\"iupdater\":{\"@class\":\"org.nd4j.linalg.learning.config.Nesterovs\",\"learningRate\":0.05},"
                + "\"shape\":[1,2.5,\"x\",null],\"empty\":[],\"iterationCount\":7,"
                + "\"regularization\":[{\"@class\":\"L2Regularization\",\"l2\":{\"value\":1.0E-4}}]},\"name\":null}");
        Map<String, Object> out = new LinkedHashMap<>();
        JsonFlattener.PLAIN.withClassNames().withoutEmptyArrays().skipping(Arrays.asList("iterationCount")).flatten(conf, "", out);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("seed", 123);
        expected.put("miniBatch", true);
        expected.put("l2", 1.0E-4);
        expected.put("big", 12345678901L);
        expected.put("layer", "DenseLayer");
        expected.put("layer.nin", 4);
        expected.put("layer.iupdater", "Nesterovs");
        expected.put("layer.iupdater.learningRate", 0.05);
        expected.put("layer.shape", "[1,2.5,\"x\",null]");
        expected.put("layer.regularization.0", "L2Regularization");
        expected.put("layer.regularization.0.l2.value", 1.0E-4);
        assertEquals(expected, out);

        Map<String, Object> plain = new LinkedHashMap<>();
        JsonFlattener.PLAIN.flatten(json("{\"empty\":[],\"@class\":\"a.B\"}"), "", plain);
        assertEquals("{empty=[], @class=a.B}", plain.toString());
        assertEquals("{a.0=x, a.1.b=2, c=1.5}", JsonFlattener.asText(json("{\"c\":1.5,\"a\":[\"x\",{\"b\":2}]}")).toString());
    }
}
