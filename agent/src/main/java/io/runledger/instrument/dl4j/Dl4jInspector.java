package io.runledger.instrument.dl4j;

import io.runledger.collect.DependencyCollector;
import io.runledger.instrument.TrainingReader;
import io.runledger.instrument.DataReader;
import io.runledger.instrument.ProgressReader;
import io.runledger.instrument.EvaluationReader;
import io.runledger.instrument.FeatureStepReader;
import io.runledger.instrument.ArtifactReader;
import io.runledger.snapshot.DataInput;
import io.runledger.snapshot.Evaluation;
import io.runledger.snapshot.FeatureStep;
import io.runledger.util.Hex;
import io.runledger.util.IdentityMemo;
import io.runledger.util.JsonFlattener;
import io.runledger.util.JsonValues;
import io.runledger.util.Reflect;

import java.io.File;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static io.runledger.util.JsonValues.elements;
import static io.runledger.util.JsonValues.member;

/**
 * Reads DL4J 1.0.0-M2.x objects by reflection. Hyperparameters come from the configuration's own JSON
 * (the values the network was built with, defaults included), flattened per layer; nothing here calls a
 * method that changes state (no {@code inputColumns()}, no {@code next()}, no {@code reset()}).
 */
public final class Dl4jInspector implements TrainingReader, DataReader, ProgressReader, EvaluationReader, FeatureStepReader, ArtifactReader {

    static final String MLN = "org.deeplearning4j.nn.multilayer.MultiLayerNetwork";
    static final String CG = "org.deeplearning4j.nn.graph.ComputationGraph";
    /** Fields that are training state, not configuration. */
    private static final List<String> STATE = Arrays.asList("iterationCount", "epochCount", "variables", "cacheMode");

    /** score(), getIterationCount(), getEpochCount() per model class, resolved once (every optimisation step uses them). */
    private static final ClassValue<Method[]> PROGRESS = new ClassValue<Method[]>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            return new Method[] {method(type, "score"), method(type, "getIterationCount"), method(type, "getEpochCount"),
                    method(type, "getConfiguration")};
        }
    };

    /** The labels each hand-filled evaluator was given, per evaluator (identity keys, dropped with it). */
    private final Map<Object, EvaluatedLabels> evaluatedLabels = Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** What a hand-filled evaluator ran on: the rows and a SHA-256 over its labels' values, in call order. */
    private static final class EvaluatedLabels {
        final MessageDigest digest = Hex.sha256();
        long rows;
        int calls;
    }

    @Override
    public String version(Object model) {
        return model == null ? null : DependencyCollector.versionOf(model.getClass());
    }

    @Override
    public Map<String, Object> hyperparameters(Object model, String entryPoint, Object[] arguments) {
        lastConfiguration.clear();   // a new training: the configuration may have changed since the last one
        described = new IdentityMemo.Entry<>(model, takeStartConfiguration(model));   // asked first: this training's copy
        Map<String, Object> out = new LinkedHashMap<>();
        Object conf = configuration(model);
        if (conf instanceof Map) {
            if (((Map<?, ?>) conf).containsKey("confs")) {   // MultiLayerConfiguration
                flattenTop(conf, "", out, "confs");
                List<?> confs = elements(member(conf, "confs"));
                if (!confs.isEmpty()) {
                    flattenTop(confs.get(0), "", out, "layer");
                }
                for (int i = 0; i < confs.size(); i++) {
                    flatten(member(confs.get(i), "layer"), "layers." + i, out);
                }
            } else {   // ComputationGraphConfiguration
                flattenTop(conf, "", out, "vertices", "vertexInputs", "networkInputs", "networkOutputs", "defaultConfiguration");
                flattenTop(member(conf, "defaultConfiguration"), "", out, "layer");
                Object vertices = member(conf, "vertices");
                if (vertices instanceof Map) {
                    for (Map.Entry<?, ?> v : ((Map<?, ?>) vertices).entrySet()) {
                        Object layer = member(member(v.getValue(), "layerConf"), "layer");
                        flatten(layer == null ? v.getValue() : layer, "vertices." + v.getKey(), out);
                    }
                }
                out.put("inputs", jsonText(member(conf, "networkInputs")));
                out.put("outputs", jsonText(member(conf, "networkOutputs")));
            }
        }
        if (arguments != null && arguments.length == 2 && arguments[1] instanceof Integer) {
            out.put("epochsRequested", arguments[1]);
        }
        return out;
    }

    @Override
    public Map<String, Object> details(Object model) {
        Map<String, Object> out = new LinkedHashMap<>();
        Object params = Reflect.call(model, "numParams");
        if (params != null) {
            out.put("numParams", params);
        }
        out.put("backend", backend(model));
        String json = configurationJson(model);
        if (json != null) {
            out.put("configuration", json);
        }
        return out;
    }

    /**
     * The same network object with the same configuration and parameter arrays: a loop of {@code fit(DataSet)}
     * is one training. By identity only: the configuration objects also hold the iteration counters, so
     * their hashCode changes at every step; a new network object is a new training.
     */
    @Override
    public Object continuity(Object model) {
        Object conf = liveConfiguration(model);
        Object params = Reflect.field(model, "flattenedParams");
        return conf == null ? null : Arrays.asList(System.identityHashCode(conf), System.identityHashCode(params));
    }

    /** The configuration comes from the network's own {@code toJson()}: its first call builds DL4J's JSON mapper. */
    @Override
    public boolean describesInBackground() {
        return true;
    }

    @Override
    public Map<String, Object> seeds(Object model) {
        Object conf = configuration(model);
        Map<String, Object> out = new LinkedHashMap<>();
        if (conf != null) {
            List<?> confs = elements(member(conf, "confs"));
            Object seed = member(conf, "confs") != null ? member(confs.isEmpty() ? null : confs.get(0), "seed")
                    : member(member(conf, "defaultConfiguration"), "seed");
            if (seed instanceof Number) {
                out.put("seed", ((Number) seed).longValue());
            }
        }
        return out;
    }

    /** A configuration's JSON, as text and parsed. */
    private static final class ConfigurationText {
        final String json;
        /** The JSON read into plain values ({@link JsonValues}): no object mapper in the training JVM. */
        final Object parsed;

        ConfigurationText(String json, Object parsed) {
            this.json = json;
            this.parsed = parsed;
        }
    }

    /** The last configuration read: one training start asks for it three times. */
    private final IdentityMemo<ConfigurationText> lastConfiguration = new IdentityMemo<>();

    /** Copies not yet described, oldest first, each with its network; a few at most (descriptions that never ran are dropped). */
    private static final int MAX_START_CONFIGURATIONS = 8;
    private final ArrayDeque<IdentityMemo.Entry<Object>> startConfigurations = new ArrayDeque<>();
    /** The training being described and its copy (set by {@link #hyperparameters}, which the description asks first). */
    private volatile IdentityMemo.Entry<Object> described;

    /**
     * The description is read on the collection thread while the training runs, and the configuration holds
     * the iteration and epoch counts (read late, the recorded JSON said a fresh network started at step 12):
     * the description reads a copy made now, by the configuration's own {@code clone()} (null when none
     * could be made: the live configuration is read then). One copy per training start, taken in order by
     * the descriptions, which the collection thread runs in that order.
     */
    @Override
    public void holdStartState(Object model) {
        Object copy = Reflect.call(liveConfiguration(model), "clone");
        synchronized (startConfigurations) {
            startConfigurations.removeIf(IdentityMemo.Entry::isStale);
            if (startConfigurations.size() == MAX_START_CONFIGURATIONS) {
                startConfigurations.removeFirst();
            }
            startConfigurations.addLast(new IdentityMemo.Entry<>(model, copy));
        }
    }

    private static Object liveConfiguration(Object model) {
        return Reflect.isA(model, MLN) ? Reflect.call(model, "getLayerWiseConfigurations") : Reflect.call(model, "getConfiguration");
    }

    /** The oldest copy held for {@code model}, removed; null when there is none. */
    private Object takeStartConfiguration(Object model) {
        synchronized (startConfigurations) {
            for (Iterator<IdentityMemo.Entry<Object>> i = startConfigurations.iterator(); i.hasNext(); ) {
                IdentityMemo.Entry<Object> s = i.next();
                if (s.isAbout(model)) {
                    i.remove();
                    return s.value();
                }
            }
        }
        return null;
    }

    /** The copy taken when the training being described started, else (none could be made) the live configuration. */
    private Object startConfiguration(Object model) {
        IdentityMemo.Entry<Object> d = described;
        return d != null && d.isAbout(model) && d.value() != null ? d.value() : liveConfiguration(model);
    }

    /** The configuration as the training started, from its own {@code toJson()}, read once per training start. */
    private ConfigurationText configurationOf(Object model) {
        Object conf = startConfiguration(model);
        return lastConfiguration.get(conf, () -> {
            Object json = Reflect.call(conf, "toJson");
            Object parsed = null;
            if (json instanceof String) {
                try {
                    parsed = JsonValues.parse((String) json);
                } catch (Exception e) {
                    parsed = null;
                }
            }
            return new ConfigurationText(json instanceof String ? (String) json : null, parsed);
        });
    }

    private Object configuration(Object model) {
        return configurationOf(model).parsed;
    }

    /** The full configuration JSON, kept verbatim next to the flat map. */
    private String configurationJson(Object model) {
        return configurationOf(model).json;
    }

    /** ND4J backend, BLAS vendor, data type and threads: what decides whether numbers reproduce. */
    private static Map<String, Object> backend(Object model) {
        Map<String, Object> out = new LinkedHashMap<>();
        ClassLoader loader = model.getClass().getClassLoader();
        Object backend = Reflect.callStatic(loader, "org.nd4j.linalg.factory.Nd4j", "getBackend");
        if (backend != null) {
            out.put("nd4j.backend", backend.getClass().getName());
        }
        Object dataType = Reflect.callStatic(loader, "org.nd4j.linalg.factory.Nd4j", "dataType");
        if (dataType != null) {
            out.put("nd4j.dataType", dataType.toString());
        }
        Object executioner = Reflect.callStatic(loader, "org.nd4j.linalg.factory.Nd4j", "getExecutioner");
        Object env = Reflect.call(executioner, "getEnvironmentInformation");
        if (env instanceof Properties) {
            Properties p = (Properties) env;
            for (String key : new String[] {"blas.vendor", "omp.threads", "backend", "cores", "os"}) {
                if (p.getProperty(key) != null) {
                    out.put("nd4j." + key, p.getProperty(key));
                } else if (p.get(key) != null) {
                    out.put("nd4j." + key, String.valueOf(p.get(key)));
                }
            }
        }
        for (String var : new String[] {"OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"}) {
            String v = System.getenv(var);
            if (v != null) {
                out.put("env." + var, v);
            }
        }
        return out;
    }

    private static void flattenTop(Object node, String prefix, Map<String, Object> out, String... skip) {
        if (!(node instanceof Map)) {
            return;
        }
        for (Map.Entry<?, ?> f : ((Map<?, ?>) node).entrySet()) {
            String name = String.valueOf(f.getKey());
            if (!Arrays.asList(skip).contains(name) && !STATE.contains(name)) {
                flatten(f.getValue(), prefix + name, out);
            }
        }
    }

    /** A member's compact JSON text, as the tree's {@code toString()} gave it ("" when absent). */
    private static String jsonText(Object value) {
        return value == null ? "" : JsonFlattener.compact(value);
    }

    /** Configuration JSON as hyperparameters: {@code @class} ids as short type names, training state and empty lists left out. */
    private static final JsonFlattener CONFIGURATION = JsonFlattener.PLAIN.withClassNames().withoutEmptyArrays().skipping(STATE);

    static void flatten(Object node, String key, Map<String, Object> out) {
        CONFIGURATION.flatten(node, key, out);
    }

    @Override
    public List<DataInput> dataInputs(Object model, Object[] arguments, DataReader.SourceLookup sources) {
        List<DataInput> out = new ArrayList<>();
        if (arguments == null) {
            return out;
        }
        if (arguments.length >= 2 && Reflect.isA(arguments[0], "org.nd4j.linalg.api.ndarray.INDArray")) {
            out.add(fingerprintOnce("arrays", arguments[0], arguments[1]));
            return out;
        }
        Object first = arguments.length == 0 ? null : arguments[0];
        if (first instanceof Object[] && ((Object[]) first).length > 0) {
            out.add(fingerprintOnce("arrays", (Object[]) first));
            return out;
        }
        if (Reflect.isA(first, "org.nd4j.linalg.dataset.api.DataSet")) {
            out.add(fingerprintOnce("dataset", Reflect.call(first, "getFeatures"), Reflect.call(first, "getLabels")));
            return out;
        }
        if (first != null && (Reflect.isA(first, "org.nd4j.linalg.dataset.api.iterator.DataSetIterator")
                || Reflect.isA(first, "org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator"))) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("iterator", first.getClass().getName());
            Object batch = Reflect.field(first, "batchSize");
            if (batch == null) {
                batch = Reflect.field(first, "batch");   // ListDataSetIterator
            }
            if (batch != null) {
                details.put("batchSize", batch);
            }
            Object list = Reflect.field(first, "list");
            if (list instanceof List) {   // an in-memory iterator: its examples are fingerprinted like a DataSet
                DataInput held = listFingerprintOnce((List<?>) list);
                held.details.forEach(details::putIfAbsent);
                out.add(0, new DataInput("iterator", null, null, held.sha256, held.rows, held.shape, details));
                return out;
            }
            Object pre = Reflect.field(first, "preProcessor");
            if (pre != null) {
                details.put("preProcessor", pre.getClass().getName());
            }
            List<Object> readers = readersOf(first);
            List<String> readerTypes = new ArrayList<>();
            for (Object r : readers) {
                readerTypes.add(r.getClass().getName());
                for (Path file : sources.filesOf(r)) {
                    out.add(new DataInput("file", file.toUri().toString(), null, null, null, null,
                            Collections.singletonMap("reader", r.getClass().getName())));
                }
            }
            if (!readerTypes.isEmpty()) {
                details.put("readers", readerTypes);
            }
            out.add(0, new DataInput("iterator", null, null, null, null, null, details));
        }
        return out;
    }

    /** The record readers behind an iterator, including those wrapped by transform readers. */
    private static List<Object> readersOf(Object argument) {
        List<Object> out = new ArrayList<>();
        Object r = Reflect.field(argument, "recordReader");
        if (r == null) {
            r = Reflect.field(Reflect.field(argument, "backedIterator"), "recordReader");   // wrapped in an AsyncDataSetIterator
        }
        for (int depth = 0; r != null && depth < 4; depth++) {
            out.add(r);
            r = Reflect.field(r, "recordReader");
        }
        return out;
    }

    /** The arrays fingerprinted last (the same objects in a loop of fit calls), and their input. */
    private volatile LastFingerprint last;

    private static final class LastFingerprint {
        private final String kind;
        private final List<WeakReference<Object>> arrays = new ArrayList<>();
        private final DataInput input;

        LastFingerprint(String kind, Object[] arrays, DataInput input) {
            this.kind = kind;
            for (Object a : arrays) {
                this.arrays.add(new WeakReference<>(a));
            }
            this.input = input;
        }

        /** The very same array objects (identity: INDArray's equals compares values). */
        boolean sameArrays(String k, Object[] candidates) {
            if (!kind.equals(k) || candidates.length != arrays.size()) {
                return false;
            }
            for (int i = 0; i < candidates.length; i++) {
                if (candidates[i] == null || arrays.get(i).get() != candidates[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * {@link #fingerprint}, once for the same array objects passed again: a loop of {@code fit(dataSet)}
     * re-hashing unchanged data cost 0.34 ms per call on Iris. Values changed in place between two calls
     * on the same arrays are therefore not seen; new arrays (a new DataSet, a new batch) always are.
     */
    private DataInput fingerprintOnce(String kind, Object... arrays) {
        LastFingerprint l = last;
        if (l != null && l.sameArrays(kind, arrays)) {
            return l.input;
        }
        DataInput input = fingerprint(kind, arrays);
        last = new LastFingerprint(kind, arrays, input);
        return input;
    }

    /** At most this many bytes of an in-memory iterator's examples are hashed (its list is read, never iterated). */
    static final long MAX_LIST_BYTES = 256L << 20;

    /** The list last fingerprinted (its size in the kind): a loop of fit(iterator) over the same list hashes it once. */
    private volatile LastFingerprint lastList;

    private DataInput listFingerprintOnce(List<?> list) {
        String kind = "list of " + list.size();
        LastFingerprint l = lastList;
        if (l != null && l.sameArrays(kind, new Object[] {list})) {
            return l.input;
        }
        List<Object> arrays = new ArrayList<>();
        long bytes = 0;
        for (Object ds : list.toArray()) {
            for (String getter : new String[] {"getFeatures", "getLabels"}) {
                Object a = Reflect.call(ds, getter);
                if (a != null) {
                    arrays.add(a);
                    Object n = Reflect.call(a, "length");
                    Object type = Reflect.call(a, "dataType");
                    Object width = Reflect.call(type, "width");
                    bytes += (n instanceof Number ? ((Number) n).longValue() : 0) * (width instanceof Number ? ((Number) width).longValue() : 8);
                }
            }
        }
        DataInput input;
        if (bytes > MAX_LIST_BYTES) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("fingerprint", "skipped: " + bytes + " bytes of examples, above the " + MAX_LIST_BYTES + "-byte bound");
            input = new DataInput("iterator", null, null, null, (long) list.size(), null, details);
        } else {
            DataInput all = fingerprint("iterator", arrays.toArray());
            input = new DataInput("iterator", null, null, all.sha256, (long) list.size(), null, all.details);
        }
        lastList = new LastFingerprint(kind, new Object[] {list}, input);
        return input;
    }

    /** Shapes, data type and a SHA-256 over the exact values of the arrays that reached fit. */
    private static DataInput fingerprint(String kind, Object... arrays) {
        MessageDigest digest = Hex.sha256();
        List<String> shapes = new ArrayList<>();
        String dtype = null;
        long rows = -1;
        for (Object a : arrays) {
            if (a == null) {
                continue;
            }
            Object shape = Reflect.call(a, "shape");
            shapes.add(shape instanceof long[] ? Arrays.toString((long[]) shape) : String.valueOf(shape));
            if (rows < 0 && shape instanceof long[] && ((long[]) shape).length > 0) {
                rows = ((long[]) shape)[0];
            }
            Object type = Reflect.call(a, "dataType");
            dtype = type == null ? dtype : type.toString();
            Object view = Boolean.TRUE.equals(Reflect.call(a, "isView")) ? Reflect.call(a, "dup") : a;
            Object bytes = Reflect.call(Reflect.call(view, "data"), "asBytes");
            if (bytes instanceof byte[]) {
                digest.update((byte[]) bytes);
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("dataType", dtype);
        return new DataInput(kind, null, null, Hex.of(digest.digest()), rows < 0 ? null : rows, shapes, details);
    }

    @Override
    public Progress progress(Object model) {
        try {
            Method[] m = PROGRESS.get(model.getClass());
            double score = ((Number) m[0].invoke(model)).doubleValue();
            Object iteration = m[1] == null ? null : m[1].invoke(model);
            Object epoch = m[2] == null ? null : m[2].invoke(model);
            if ((iteration == null || epoch == null) && m[3] != null) {   // ComputationGraph keeps them in its configuration
                Object conf = m[3].invoke(model);
                iteration = Reflect.call(conf, "getIterationCount");
                epoch = Reflect.call(conf, "getEpochCount");
            }
            return new Progress(score, iteration == null ? -1 : ((Number) iteration).longValue(),
                    epoch == null ? -1 : ((Number) epoch).intValue());
        } catch (Throwable t) {
            return null;
        }
    }

    private static Method method(Class<?> type, String name) {
        try {
            Method m = type.getMethod(name);
            m.setAccessible(true);
            return m;
        } catch (Throwable t) {
            return null;
        }
    }

    @Override
    public List<Path> files(Object reader, Object source) {
        if (Reflect.isA(reader, "org.nd4j.evaluation.IEvaluation")) {
            evaluatedOn(reader, source);   // eval(labels, predictions) by the program: the labels it scored against
            return Collections.emptyList();
        }
        List<Path> out = new ArrayList<>();
        Object locations = Reflect.call(source, "locations");
        if (locations instanceof URI[]) {
            for (URI uri : (URI[]) locations) {
                if ("file".equals(uri.getScheme())) {
                    out.add(Paths.get(uri).toAbsolutePath().normalize());
                }
            }
        }
        return out;
    }

    /** Adds one {@code eval(labels, ..)} call's labels to what {@code evaluator} ran on (copies a view's values first). */
    private void evaluatedOn(Object evaluator, Object labels) {
        Object shape = Reflect.call(labels, "shape");
        Object view = Boolean.TRUE.equals(Reflect.call(labels, "isView")) ? Reflect.call(labels, "dup") : labels;
        Object bytes = Reflect.call(Reflect.call(view, "data"), "asBytes");
        EvaluatedLabels seen = evaluatedLabels.computeIfAbsent(evaluator, e -> new EvaluatedLabels());
        synchronized (seen) {
            seen.calls++;
            if (shape instanceof long[] && ((long[]) shape).length > 0) {
                seen.rows += ((long[]) shape)[0];
            }
            if (bytes instanceof byte[]) {
                seen.digest.update((byte[]) bytes);
            }
        }
    }

    @Override
    public FeatureStep featureStep(Object step, Object input) {
        if (step == null) {
            return null;
        }
        Map<String, Object> params = new LinkedHashMap<>();
        if (Reflect.isA(step, "org.datavec.api.transform.TransformProcess")) {
            Object json = Reflect.call(step, "toJson");
            try {
                params.put("transformProcess", JsonValues.parse((String) json));
            } catch (Exception e) {
                params.put("transformProcess", String.valueOf(json));
            }
            if (input != null) {
                params.put("reader", input.getClass().getName());
            }
            return new FeatureStep("TransformProcess", params);
        }
        for (String getter : new String[] {"getMean", "getStd", "getMin", "getMax", "getLabelMean", "getLabelStd", "getLabelMin", "getLabelMax"}) {
            Object arr = Reflect.call(step, getter);
            Object values = Reflect.call(arr, "toDoubleVector");
            if (values instanceof double[]) {
                String name = getter.substring(3);
                params.put(Character.toLowerCase(name.charAt(0)) + name.substring(1), toList((double[]) values));
            }
        }
        for (String getter : new String[] {"getTargetMin", "getTargetMax", "isFitLabel"}) {
            Object v = Reflect.call(step, getter);
            if (v != null) {
                String name = getter.startsWith("is") ? getter.substring(2) : getter.substring(3);
                params.put(Character.toLowerCase(name.charAt(0)) + name.substring(1), v);
            }
        }
        if (input != null) {
            params.put("fittedOn", input.getClass().getName());
        }
        return new FeatureStep(step.getClass().getSimpleName(), params);
    }

    private static List<Double> toList(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }

    @Override
    public List<Evaluation> evaluations(Object result) {
        List<Evaluation> out = new ArrayList<>();
        if (result instanceof Object[]) {
            for (Object r : (Object[]) result) {
                out.addAll(evaluations(r));
            }
            return out;
        }
        if (result instanceof Map) {
            for (Object r : ((Map<?, ?>) result).values()) {
                out.addAll(evaluations(r));
            }
            return out;
        }
        if (result == null) {
            return out;
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();
        String type = result.getClass().getSimpleName();
        if (Reflect.isA(result, "org.nd4j.evaluation.classification.Evaluation")) {
            for (String m : new String[] {"accuracy", "precision", "recall", "f1"}) {
                put(metrics, m, Reflect.call(result, m));
            }
            Object matrix = Reflect.call(result, "confusionMatrix");
            if (matrix != null) {
                details.put("confusionMatrix", matrix.toString());
            }
        } else if (Reflect.isA(result, Dl4jInstrumentation.EVALUATION_BINARY)) {
            put(metrics, "accuracy", Reflect.call(result, "averageAccuracy"));
            put(metrics, "precision", Reflect.call(result, "averagePrecision"));
            put(metrics, "recall", Reflect.call(result, "averageRecall"));
            put(metrics, "f1", Reflect.call(result, "averageF1"));
        } else if (Reflect.isA(result, "org.nd4j.evaluation.regression.RegressionEvaluation")) {
            put(metrics, "mse", Reflect.call(result, "averageMeanSquaredError"));
            put(metrics, "mae", Reflect.call(result, "averageMeanAbsoluteError"));
            put(metrics, "rmse", Reflect.call(result, "averagerootMeanSquaredError"));
            put(metrics, "r2", Reflect.call(result, "averageRSquared"));
        } else {
            put(metrics, "auc", Reflect.call(result, "calculateAUC"));
            put(metrics, "auprc", Reflect.call(result, "calculateAUCPR"));
        }
        EvaluatedLabels labels = evaluatedLabels.get(result);
        if (labels != null) {
            synchronized (labels) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("rows", labels.rows);
                data.put("evalCalls", labels.calls);
                try {
                    data.put("labelsSha256", Hex.of(((MessageDigest) labels.digest.clone()).digest()));
                } catch (CloneNotSupportedException e) {
                    data.put("labelsSha256", null);
                }
                details.put("data", data);
            }
        }
        out.add(new Evaluation(type, metrics, details));
        return out;
    }

    private static void put(Map<String, Object> metrics, String name, Object value) {
        if (value instanceof Number && !Double.isNaN(((Number) value).doubleValue())) {
            metrics.put(name, value);
        }
    }

    @Override
    public Path modelFile(Object target) {
        if (target instanceof File) {
            return ((File) target).toPath().toAbsolutePath().normalize();
        }
        if (target instanceof String) {
            return Paths.get((String) target).toAbsolutePath().normalize();
        }
        return null;
    }

}
