package io.runledger.instrument.spark;

import io.runledger.util.Reflect;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flattens Spark ML {@code Params} into hyperparameters: one key per param ({@code regParam}; a pipeline's
 * stages as {@code stages.3.LogisticRegression.regParam}; a tuning estimator's as {@code estimator.…}),
 * values set by the program apart from defaults ({@link #explicitlySet()}). Reads only {@code params},
 * {@code isSet}, {@code isDefined} and {@code getOrDefault}: no param is computed.
 */
final class SparkParams {

    /** Longest value text kept (a VectorAssembler's input columns can be long). */
    static final int MAX_VALUE_CHARS = 2000;
    private static final int MAX_DEPTH = 4;

    private final Map<String, Object> set = new LinkedHashMap<>();
    private final Map<String, Object> defaults = new LinkedHashMap<>();

    /** The params of {@code stage} (and the stages, estimator and evaluator it holds) under {@code prefix}; {@code extra} (a ParamMap or null) overrides. */
    SparkParams add(String prefix, Object stage, Object extra) {
        add(prefix, stage, extra, 0);
        return this;
    }

    private void add(String prefix, Object stage, Object extra, int depth) {
        Object params = Reflect.call(stage, "params");
        if (!(params instanceof Object[]) || depth > MAX_DEPTH) {
            return;
        }
        for (Object param : (Object[]) params) {
            String name = String.valueOf(Reflect.call(param, "name"));
            Object explicit = extra == null ? null : optionValue(Reflect.call(extra, "get", param));
            boolean isSet = explicit != null || Boolean.TRUE.equals(Reflect.call(stage, "isSet", param));
            if (explicit == null && !Boolean.TRUE.equals(Reflect.call(stage, "isDefined", param))) {
                continue;
            }
            Object value = explicit != null ? explicit : Reflect.call(stage, "getOrDefault", param);
            if (value instanceof Object[] && name.equals("stages")) {
                Object[] stages = (Object[]) value;
                for (int i = 0; i < stages.length; i++) {
                    add(prefix + "stages." + i + "." + stages[i].getClass().getSimpleName() + ".", stages[i], extra, depth + 1);
                }
            } else if (name.equals("estimatorParamMaps") && value instanceof Object[]) {
                Object[] grid = (Object[]) value;
                for (int i = 0; i < grid.length; i++) {
                    set.put(prefix + "grid." + i, paramMapText(grid[i]));
                }
            } else if (Reflect.isA(value, "org.apache.spark.ml.param.Params")) {
                add(prefix + name + "." + value.getClass().getSimpleName() + ".", value, extra, depth + 1);
            } else {
                (isSet ? set : defaults).put(prefix + name, plain(value));
            }
        }
    }

    /** Set values first, then defaults: the order {@code show} lists them in. */
    Map<String, Object> all() {
        Map<String, Object> out = new LinkedHashMap<>(set);
        out.putAll(defaults);
        return out;
    }

    List<String> explicitlySet() {
        return new ArrayList<>(set.keySet());
    }

    /**
     * {@code logreg.elasticNetParam=0.0, logreg.regParam=0.01}: a grid point, each param by its stage's uid,
     * sorted (a ParamMap is a hash map: its order differs between Spark versions).
     */
    static String paramMapText(Object paramMap) {
        List<String> pairs = new ArrayList<>();
        for (Object pair : ScalaSeqs.list(Reflect.call(paramMap, "toSeq"), 1000)) {
            Object param = Reflect.call(pair, "param");
            pairs.add(Reflect.call(param, "parent") + "." + Reflect.call(param, "name") + "=" + plain(Reflect.call(pair, "value")));
        }
        Collections.sort(pairs);
        return String.join(", ", pairs);
    }

    /** {@code Some(x)} → x; {@code None} or anything else → null. */
    static Object optionValue(Object option) {
        return Boolean.TRUE.equals(Reflect.call(option, "isDefined")) ? Reflect.call(option, "get") : null;
    }

    /** Numbers, booleans and strings as they are; arrays and other objects as bounded text. */
    static Object plain(Object value) {
        if (value instanceof Number || value instanceof Boolean || value instanceof String) {
            return value;
        }
        String text;
        if (value != null && value.getClass().isArray()) {
            StringBuilder b = new StringBuilder("[");
            int n = Array.getLength(value);
            for (int i = 0; i < n && b.length() < MAX_VALUE_CHARS; i++) {
                b.append(i == 0 ? "" : ", ").append(String.valueOf(plain(Array.get(value, i))));
            }
            text = b.append(']').toString();
        } else {
            text = String.valueOf(value);
        }
        return text.length() > MAX_VALUE_CHARS ? text.substring(0, MAX_VALUE_CHARS) + "…" : text;
    }
}
