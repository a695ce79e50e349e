package io.runledger.instrument.tribuo;

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
import io.runledger.util.LateText;
import io.runledger.util.Reflect;

import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Reads Tribuo 4.3 objects by reflection. Tribuo records its own provenance for trainers, datasets,
 * models and evaluations; it is flattened into {@code a.b.c: value} maps so that two runs diff key by
 * key. Host and version fields Tribuo adds to trainer provenance are kept out of the hyperparameters.
 */
public final class TribuoInspector implements TrainingReader, DataReader, ProgressReader, EvaluationReader, FeatureStepReader, ArtifactReader {

    private static final String OBJECT = "com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance";
    private static final String LIST = "com.oracle.labs.mlrg.olcut.provenance.ListProvenance";
    private static final String MAP = "com.oracle.labs.mlrg.olcut.provenance.MapProvenance";
    private static final String PRIMITIVE = "com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance";
    /** Trainer-provenance fields that describe the machine, not the training. */
    private static final List<String> NOT_HYPERPARAMETERS = Arrays.asList("tribuo-version", "java-version", "os-name", "os-arch",
            "host-short-name", "trained-at");
    private static final String SGD_LOGGER = "org.tribuo.common.sgd.AbstractSGDTrainer";

    @Override
    public String version(Object trainer) {
        return trainer == null ? null : DependencyCollector.versionOf(trainer.getClass());
    }

    /** {@code provenance} as a flat map; nested objects and lists become dotted keys. */
    static Map<String, Object> flatten(Object provenance) {
        Map<String, Object> out = new LinkedHashMap<>();
        flatten(provenance, "", out, 0);
        return out;
    }

    private static void flatten(Object p, String key, Map<String, Object> out, int depth) {
        if (p == null || depth > 12) {
            return;
        }
        if (Reflect.isA(p, PRIMITIVE)) {
            Object v = Reflect.call(p, "getValue");
            out.put(key, v instanceof Number || v instanceof Boolean ? v : String.valueOf(v));
        } else if (Reflect.isA(p, LIST)) {
            int i = 0;
            for (Object item : (Iterable<?>) p) {
                flatten(item, key + "." + i++, out, depth + 1);
            }
        } else if (Reflect.isA(p, OBJECT) || Reflect.isA(p, MAP)) {
            for (Object pair : (Iterable<?>) p) {
                Object name = Reflect.call(pair, "getA");
                flatten(Reflect.call(pair, "getB"), key.isEmpty() ? String.valueOf(name) : key + "." + name, out, depth + 1);
            }
        } else {
            out.put(key, String.valueOf(p));
        }
    }

    /**
     * The trainer's provenance as {@link #hyperparameters} last read it: {@link #seeds}, asked next about the
     * same training start, reads the same (Tribuo builds a trainer's provenance anew, by reflection, at each call).
     */
    private final IdentityMemo<Map<String, Object>> trainerProvenance = new IdentityMemo<>();

    private Map<String, Object> trainerProvenance(Object trainer) {
        return trainerProvenance.get(trainer, () -> flatten(Reflect.call(trainer, "getProvenance")));
    }

    @Override
    public Map<String, Object> hyperparameters(Object trainer, String entryPoint, Object[] arguments) {
        Map<String, Object> out = new LinkedHashMap<>();
        trainerProvenance.clear();   // a training start: read anew (the trainer's state moves with each train call)
        for (Map.Entry<String, Object> e : trainerProvenance(trainer).entrySet()) {
            String last = e.getKey().substring(e.getKey().lastIndexOf('.') + 1);
            if (!NOT_HYPERPARAMETERS.contains(last)) {
                out.put(e.getKey(), e.getValue());
            }
        }
        Object invocations = Reflect.call(trainer, "getInvocationCount");
        if (invocations != null) {
            out.put("invocationCount", invocations);   // the RNG state: a second train() is not the same run
        }
        return out;
    }

    @Override
    public Map<String, Object> seeds(Object trainer) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : trainerProvenance(trainer).entrySet()) {
            if (e.getKey().equals("seed") || e.getKey().endsWith(".seed")) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    @Override
    public Map<String, Object> details(Object trainer) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("trainer", trainer.getClass().getName());
        Object inner = Reflect.field(trainer, "innerTrainer");
        if (inner != null) {
            out.put("wrappedTrainer", inner.getClass().getName());
        }
        return out;
    }

    /** The data files named in the dataset's provenance (CSV, JSON, text and columnar sources record their path). */
    @Override
    public List<Path> trainingFiles(Object trainer, Object[] arguments) {
        return files(datasetProvenance(arguments));
    }

    @Override
    public List<Path> evaluationFiles(Object result) {
        return files(provenance(evaluation(result), evaluation(result)));
    }

    /**
     * The flattened provenance of {@code of}, read once for the same {@code key} twice in a row: the
     * evaluation hook asks for an evaluation's (which holds its model's and dataset's) twice, and a training
     * start for its dataset's twice. The key is the evaluation itself or the call's own argument array:
     * neither changes between the two questions, and a later call brings a new one.
     */
    private Map<String, Object> provenance(Object key, Object of) {
        return lastProvenance.get(key, () -> flatten(Reflect.call(of, "getProvenance")));
    }

    private final IdentityMemo<Map<String, Object>> lastProvenance = new IdentityMemo<>();

    /** The evaluation of an {@code [evaluation, data]} pair the evaluate advice passes (or the evaluation itself). */
    private static Object evaluation(Object result) {
        return result instanceof Object[] && ((Object[]) result).length == 2 ? ((Object[]) result)[0] : result;
    }

    /** The provenance hashes of datasets models were trained on (bounded), to tell an evaluation on training data. */
    private final Set<String> trainedOn = Collections.newSetFromMap(new java.util.concurrent.ConcurrentHashMap<>());
    /** The provenance hashes of models this run's trainings recorded in full (bounded): evaluations name them by hash. */
    private final Set<String> recordedModels = Collections.newSetFromMap(new java.util.concurrent.ConcurrentHashMap<>());

    /** SHA-256 over a flattened provenance in key order (null when empty): equal provenances, equal hashes. */
    private static String provenanceSha256(Map<String, Object> provenance) {
        return provenance.isEmpty() ? null : Hex.sha256(new TreeMap<>(provenance).toString());
    }

    private static List<Path> files(Map<String, Object> provenance) {
        List<Path> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : provenance.entrySet()) {
            if (e.getKey().endsWith("dataPath")) {
                Path p = toPath(String.valueOf(e.getValue()));
                if (p != null && !out.contains(p)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** The provenance of a training's dataset: by the call's own argument array, so a later call reads it anew. */
    private Map<String, Object> datasetProvenance(Object[] arguments) {
        return arguments == null || arguments.length == 0 ? Collections.emptyMap() : provenance(arguments, arguments[0]);
    }

    private static Path toPath(String value) {
        try {
            if (value.startsWith("file:")) {
                return Paths.get(URI.create(value)).toAbsolutePath().normalize();
            }
            Path p = Paths.get(value);
            return p.isAbsolute() && p.toFile().isFile() ? p.normalize() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public List<DataInput> dataInputs(Object trainer, Object[] arguments, DataReader.SourceLookup sources) {
        List<DataInput> out = new ArrayList<>();
        if (arguments == null || arguments.length == 0) {
            return out;
        }
        Object dataset = arguments[0];
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("dataset", dataset.getClass().getName());
        Object featureMap = Reflect.call(dataset, "getFeatureMap");
        Object features = Reflect.call(featureMap, "size");
        if (features != null) {
            details.put("features", features);
        }
        Map<String, Object> domain = new TreeMap<>();
        Object counts = Reflect.call(Reflect.call(dataset, "getOutputInfo"), "outputCountsIterable");
        if (counts instanceof Iterable) {
            for (Object pair : (Iterable<?>) counts) {
                domain.put(String.valueOf(Reflect.call(pair, "getA")), Reflect.call(pair, "getB"));
            }
        }
        details.put("outputDomain", domain);
        Map<String, Object> provenance = datasetProvenance(arguments);
        details.put("provenance", provenance);
        String provenanceSha = provenanceSha256(provenance);
        if (provenanceSha != null) {
            details.put("provenanceSha256", provenanceSha);
            if (trainedOn.size() < 10_000) {
                trainedOn.add(provenanceSha);
            }
            recordedDatasets.add(provenance, provenanceSha);
        }
        Object size = Reflect.call(dataset, "size");
        out.add(new DataInput("dataset", null, null, null, size instanceof Number ? ((Number) size).longValue() : null, null, details));
        for (Path file : files(provenance)) {   // the files trainingFiles names, from the provenance read above
            Map<String, Object> fileDetails = new LinkedHashMap<>();
            String recordedHash = null;
            for (Map.Entry<String, Object> e : provenance.entrySet()) {
                if (e.getKey().endsWith("resource-hash")) {
                    recordedHash = String.valueOf(e.getValue()).toLowerCase(java.util.Locale.ROOT);
                } else if (e.getKey().endsWith("file-modified-time")) {
                    fileDetails.put("frameworkModifiedTime", e.getValue());
                }
            }
            out.add(new DataInput("file", file.toUri().toString(), null, null, null, null, recordedHash, null, fileDetails));
        }
        return out;
    }

    @Override
    public Map<String, Object> resultDetails(Object model) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> provenance = flatten(Reflect.call(model, "getProvenance"));
        if (!provenance.isEmpty()) {
            String sha = provenanceSha256(provenance);
            out.put("tribuoModelProvenance", withoutRecordedDataset(provenance, out));
            out.put("tribuoModelProvenanceSha256", sha);
            if (recordedModels.size() < 10_000) {
                recordedModels.add(sha);
            }
        }
        out.put("modelClass", model.getClass().getName());
        return out;
    }

    @Override
    public List<FeatureStep> resultFeatureSteps(Object model) {
        Object map = Reflect.call(model, "getTransformerMap");
        if (map == null) {
            return Collections.emptyList();
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("fitted", String.valueOf(map));
        params.put("provenance", flatten(Reflect.call(map, "getProvenance")));
        return Collections.singletonList(new FeatureStep("TransformerMap", params));
    }

    @Override
    public List<Evaluation> evaluations(Object pair) {
        Object result = evaluation(pair);
        if (result == null) {
            return Collections.emptyList();
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();
        if (Reflect.isA(result, "org.tribuo.classification.evaluation.LabelEvaluation")) {
            for (String m : new String[] {"accuracy", "macroAveragedF1", "microAveragedF1", "macroAveragedPrecision",
                "macroAveragedRecall", "balancedErrorRate"}) {
                put(metrics, m, Reflect.call(result, m));
            }
            Object matrix = Reflect.call(result, "getConfusionMatrix");
            if (matrix != null) {
                details.put("confusionMatrix", new LateText(matrix));
            }
        } else if (Reflect.isA(result, "org.tribuo.clustering.evaluation.ClusteringEvaluation")) {
            put(metrics, "normalizedMI", Reflect.call(result, "normalizedMI"));
            put(metrics, "adjustedMI", Reflect.call(result, "adjustedMI"));
        } else if (Reflect.isA(result, "org.tribuo.anomaly.evaluation.AnomalyEvaluation")) {
            for (String m : new String[] {"Precision", "Recall", "F1", "TruePositives", "FalsePositives", "TrueNegatives", "FalseNegatives"}) {
                put(metrics, Character.toLowerCase(m.charAt(0)) + m.substring(1), Reflect.call(result, "get" + m));
            }
            Object matrix = Reflect.call(result, "confusionString");
            if (matrix != null) {
                details.put("confusionMatrix", matrix.toString());
            }
        } else {
            for (String m : new String[] {"averageRMSE", "averageMAE", "averageR2"}) {
                put(metrics, m, Reflect.call(result, m));
            }
        }
        Object data = pair instanceof Object[] ? ((Object[]) pair)[1] : null;
        if (data != null) {
            details.put("data", evaluatedData(data));
        }
        // printed on the agent's thread: Tribuo's evaluations and confusion matrices do not change once made,
        // and formatting the report was a fifth of the agent's time on the program's thread in a small job
        details.put("report", new LateText(result));
        details.put("provenance", withoutRecordedModel(provenance(result, result), details));
        return Collections.singletonList(new Evaluation(result.getClass().getSimpleName(), metrics, details));
    }

    /**
     * An evaluation's provenance without its {@code model-provenance.*} part when that is the provenance
     * of a model one of this run's trainings recorded ({@code details.tribuoModelProvenance}): the part is
     * then named by its SHA-256 in {@code details.modelProvenanceSha256} rather than written again (about
     * 20 kB, a fifth of a small Tribuo snapshot). The hash is there in either case.
     */
    private Map<String, Object> withoutRecordedModel(Map<String, Object> provenance, Map<String, Object> details) {
        Split model = new Split(provenance, MODEL_PART);
        String sha = provenanceSha256(model.part);
        if (sha == null) {
            return provenance;
        }
        details.put("modelProvenanceSha256", sha);
        return recordedModels.contains(sha) ? model.rest : provenance;
    }

    /** A flattened provenance's keys under {@code prefix} (the prefix taken off) apart from the others, in order. */
    private static final class Split {
        final Map<String, Object> part = new LinkedHashMap<>();
        final Map<String, Object> rest = new LinkedHashMap<>();

        Split(Map<String, Object> provenance, String prefix) {
            for (Map.Entry<String, Object> e : provenance.entrySet()) {
                if (e.getKey().startsWith(prefix)) {
                    part.put(e.getKey().substring(prefix.length()), e.getValue());
                } else {
                    rest.put(e.getKey(), e.getValue());
                }
            }
        }
    }

    /**
     * A model's provenance without its {@code dataset.*} part when that is, key for key, the provenance of
     * a dataset one of this run's trainings recorded as its data input ({@code dataInputs[].details.provenance}):
     * the part is then named by that input's {@code provenanceSha256} in {@code details.tribuoModelDatasetProvenanceSha256}
     * rather than written twice (183 keys, an eighth of a small Tribuo snapshot). The model's own hash is
     * over the whole provenance in either case.
     */
    private Map<String, Object> withoutRecordedDataset(Map<String, Object> provenance, Map<String, Object> details) {
        Split dataset = new Split(provenance, DATASET_PART);
        String sha = dataset.part.isEmpty() ? null : recordedDatasets.shaOf(dataset.part);
        if (sha == null) {
            return provenance;
        }
        details.put("tribuoModelDatasetProvenanceSha256", sha);
        return dataset.rest;
    }

    /** The keys of a model's provenance that hold the dataset it was trained on, once flattened. */
    private static final String DATASET_PART = "dataset.";

    /** The dataset provenances the last trainings recorded as data inputs, with their hashes. */
    private final RecordedDatasets recordedDatasets = new RecordedDatasets();

    /** A few recent datasets' flattened provenances, compared by content (no hashing on the program's thread). */
    private static final class RecordedDatasets {
        private static final int KEPT = 16;
        private final java.util.ArrayDeque<Map.Entry<Map<String, Object>, String>> recent = new java.util.ArrayDeque<>();

        synchronized void add(Map<String, Object> provenance, String sha) {
            if (recent.size() == KEPT) {
                recent.removeFirst();
            }
            recent.addLast(new java.util.AbstractMap.SimpleImmutableEntry<>(provenance, sha));
        }

        /** The hash recorded for a provenance equal to {@code provenance}, or null. */
        synchronized String shaOf(Map<String, Object> provenance) {
            for (Map.Entry<Map<String, Object>, String> e : recent) {
                if (e.getKey().equals(provenance)) {
                    return e.getValue();
                }
            }
            return null;
        }
    }

    /** The keys of an evaluation's provenance that hold the evaluated model's, once flattened. */
    private static final String MODEL_PART = "model-provenance.";

    /**
     * What an evaluation ran on: rows, the dataset provenance's hash, whether that is a dataset a model was
     * trained on, and the split a {@code TrainTestSplitter} says it is, so a train-set and a test-set
     * evaluation of one model are told apart.
     */
    private Map<String, Object> evaluatedData(Object data) {
        Map<String, Object> out = new LinkedHashMap<>();
        Object size = Reflect.isA(data, "org.tribuo.Dataset") ? Reflect.call(data, "size") : null;
        if (size instanceof Number) {
            out.put("rows", size);
        }
        Map<String, Object> provenance = flatten(Reflect.call(data, "getProvenance"));
        String sha = provenanceSha256(provenance);
        if (sha != null) {
            out.put("provenanceSha256", sha);
            out.put("trainingData", trainedOn.contains(sha));
        }
        for (Map.Entry<String, Object> e : provenance.entrySet()) {
            if (e.getKey().endsWith("is-train")) {
                out.put("split", Boolean.parseBoolean(String.valueOf(e.getValue())) ? "train" : "test");
            }
        }
        return out;
    }

    private static void put(Map<String, Object> metrics, String name, Object value) {
        if (value instanceof Number && !Double.isNaN(((Number) value).doubleValue())) {
            metrics.put(name, value);
        }
    }

    /** Tribuo models are {@code Serializable}; programs also save them with a plain {@code ObjectOutputStream}. */
    @Override
    public boolean isSerializedModel(Object object) {
        return object.getClass().getName().startsWith("org.tribuo.") && Reflect.isA(object, "org.tribuo.Model");
    }

    @Override
    public Path modelFile(Object target) {
        return target instanceof Path ? ((Path) target).toAbsolutePath().normalize() : null;
    }

    /**
     * Tribuo's SGD trainers only log their loss ("At iteration N, average loss = X"); a handler of ours
     * on that logger reads it. It adds to the logger's handlers without touching its level or parents,
     * so what the application prints stays the same.
     */
    @Override
    public void watchLoss(ProgressReader.LossSink sink) {
        Logger logger = Logger.getLogger(SGD_LOGGER);
        for (Handler h : logger.getHandlers()) {
            if (h instanceof LossHandler) {
                return;
            }
        }
        logger.addHandler(new LossHandler(sink));
    }

    private static final class LossHandler extends Handler {
        private final ProgressReader.LossSink sink;

        LossHandler(ProgressReader.LossSink sink) {
            this.sink = sink;
        }

        @Override
        public void publish(LogRecord record) {
            try {
                String m = record.getMessage();
                if (m == null || !m.startsWith("At iteration ")) {
                    return;
                }
                int comma = m.indexOf(',');
                int eq = m.lastIndexOf('=');
                sink.loss(Long.parseLong(m.substring("At iteration ".length(), comma).trim()), Double.parseDouble(m.substring(eq + 1).trim()));
            } catch (RuntimeException ignored) {
                // another message shape: not ours
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
