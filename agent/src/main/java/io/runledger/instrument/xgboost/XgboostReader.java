package io.runledger.instrument.xgboost;

import io.runledger.collect.DependencyCollector;
import io.runledger.instrument.ArtifactReader;
import io.runledger.instrument.DataReader;
import io.runledger.instrument.EvaluationReader;
import io.runledger.instrument.ProgressReader;
import io.runledger.instrument.TrainingReader;
import io.runledger.snapshot.DataInput;
import io.runledger.snapshot.Evaluation;
import io.runledger.util.Hex;
import io.runledger.util.JavaStreams;
import io.runledger.util.Reflect;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads XGBoost4J's objects by reflection, calling only methods that read ({@code rowNum}, {@code getLabel},
 * {@code getAttrs}). An in-memory DMatrix is fingerprinted once, when it is built from the application's
 * own arrays (the native copy cannot be read back): SHA-256 over the values as little-endian float32, then,
 * at training start, the labels likewise. Arrays above {@link #MAX_FINGERPRINT_VALUES} values are not
 * fingerprinted and the data input says so.
 */
final class XgboostReader implements TrainingReader, DataReader, ProgressReader, EvaluationReader, ArtifactReader {

    /** 64 Mi values (256 MB of floats): hashing more on the application's thread is not worth its time. */
    static final long MAX_FINGERPRINT_VALUES = 1L << 26;
    private static final Pattern ROUND = Pattern.compile("^\\[(\\d+)\\]\\t(.*)$", Pattern.DOTALL);
    private static final List<String> SEED_KEYS = Arrays.asList("seed", "random_state");

    /** Where each live DMatrix came from (identity keys: DMatrix does not override equals). */
    private final Map<Object, Origin> origins = Collections.synchronizedMap(new WeakHashMap<>());

    /** A DMatrix's source: a file, or the fingerprint of the arrays it was built from. */
    private static final class Origin {
        final Path file;
        final Object data;
        final MessageDigest values;
        final long count;
        final Long cols;
        final Object missing;
        final String kind;

        Origin(Path file, Object data, MessageDigest values, long count, Long cols, Object missing, String kind) {
            this.file = file;
            this.data = data;
            this.values = values;
            this.count = count;
            this.cols = cols;
            this.missing = missing;
            this.kind = kind;
        }
    }

    // ---- training ----

    /** The version of the jar the training's DMatrix class came from. */
    @Override
    public String version(Object model) {
        return null;
    }

    @Override
    public String version(Object model, Object[] arguments) {
        return arguments != null && arguments.length > 0 && arguments[0] != null ? DependencyCollector.versionOf(arguments[0].getClass()) : null;
    }

    /** Every training makes a Booster (cross-validation makes one per fold). */
    @Override
    public String modelType(Object model, String entryPoint) {
        return XgboostInstrumentation.BOOSTER;
    }

    @Override
    public Map<String, Object> hyperparameters(Object method, String entryPoint, Object[] arguments) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<?, ?> params = map(arguments, 0);
        if (params != null) {
            Map<String, Object> sorted = new TreeMap<>();
            for (Map.Entry<?, ?> e : params.entrySet()) {
                Object v = e.getValue();
                sorted.put(String.valueOf(e.getKey()), v instanceof Number || v instanceof Boolean || v instanceof String ? v
                        : v instanceof Object[] ? Arrays.toString((Object[]) v) : String.valueOf(v));
            }
            out.putAll(sorted);
        }
        out.putAll(call(entryPoint, arguments));
        return out;
    }

    /**
     * What the overload's positional arguments mean, from its signature text ({@code train(ml.dmlc...DMatrix,
     * java.util.Map,int,...)}): rounds, early stopping, folds, a booster to continue from.
     */
    private static Map<String, Object> call(Object signature, Object[] arguments) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!(signature instanceof String) || arguments == null || ((String) signature).indexOf('(') < 0) {
            return out;
        }
        String text = (String) signature;
        boolean cv = text.startsWith("crossValidation(");
        String inside = text.substring(text.indexOf('(') + 1, text.lastIndexOf(')'));
        String[] types = inside.isEmpty() ? new String[0] : inside.split(",");
        int ints = 0;
        int maps = 0;
        for (int i = 0; i < types.length && i < arguments.length; i++) {
            Object a = arguments[i];
            String type = types[i];
            if (type.equals("int")) {
                out.put(ints++ == 0 ? "rounds" : cv ? "nfold" : "earlyStoppingRounds", a);
            } else if (type.equals("java.util.Map") && maps++ == 1 && a instanceof Map) {
                out.put("watches", String.join(",", names((Map<?, ?>) a)));
            } else if (type.equals("[Ljava.lang.String;") && a != null) {
                out.put("cvMetrics", Arrays.toString((String[]) a));
            } else if (type.equals(XgboostInstrumentation.BOOSTER)) {
                out.put("continuedFromBooster", a != null);
            } else if ((type.endsWith(".IObjective") || type.endsWith(".IEvaluation")) && a != null) {
                out.put(type.endsWith(".IObjective") ? "customObjective" : "customEvaluation", a.getClass().getName());
            }
        }
        return out;
    }

    /** The inner overload XGBoost delegates to: its positional values are the ones really used. */
    @Override
    public Map<String, Object> nestedCall(Object signature, Object[] arguments) {
        return call(signature, arguments);
    }

    @Override
    public Map<String, Object> details(Object method) {
        return Collections.emptyMap();
    }

    @Override
    public Map<String, Object> seeds(Object method) {
        return Collections.emptyMap();
    }

    @Override
    public Map<String, Object> seeds(Object method, Object[] arguments) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<?, ?> params = map(arguments, 0);
        for (String key : SEED_KEYS) {
            if (params != null && params.containsKey(key)) {
                out.put(key, params.get(key));
            }
        }
        return out;
    }

    /** A booster's own record of the result: best iteration and score (early stopping), rounds, features. */
    @Override
    public Map<String, Object> resultDetails(Object result) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (result instanceof String[]) {
            out.put("cvRounds", ((String[]) result).length);
            return out;
        }
        Object attrs = Reflect.call(result, "getAttrs");
        if (attrs instanceof Map) {
            out.putAll(new TreeMap<>((Map<String, Object>) attrs));
        }
        putIfPresent(out, "numBoostedRound", Reflect.call(result, "getNumBoostedRound"));
        putIfPresent(out, "numFeature", Reflect.call(result, "getNumFeature"));
        return out;
    }

    // ---- data ----

    /** {@code new DMatrix(args)}: a file it reads natively (hashed as a data source), or a fingerprint of its arrays. */
    @Override
    public List<Path> files(Object matrix, Object source) {
        if (!(source instanceof Object[]) || ((Object[]) source).length == 0) {
            return Collections.emptyList();
        }
        Object[] args = (Object[]) source;
        Origin known = origins.get(matrix);
        if (args[0] instanceof String) {
            Path file = localFile((String) args[0]);
            origins.put(matrix, new Origin(file, null, null, 0, null, null, "file"));
            return file == null ? Collections.<Path>emptyList() : Collections.singletonList(file);
        }
        if (known != null && known.data == args[0]) {
            // an inner constructor of the same matrix: keep the fingerprint, take the fuller arguments
            origins.put(matrix, new Origin(null, known.data, known.values, known.count, cols(args, known.cols), missing(args, known.missing),
                    known.kind));
            return Collections.emptyList();
        }
        if (args[0] instanceof float[]) {
            float[] data = (float[]) args[0];
            origins.put(matrix, new Origin(null, data, data.length <= MAX_FINGERPRINT_VALUES ? digest(data) : null, data.length,
                    cols(args, null), missing(args, null), "dense"));
        } else if (args[0] instanceof long[] && args.length > 2 && args[1] instanceof int[] && args[2] instanceof float[]) {
            long[] headers = (long[]) args[0];
            int[] indices = (int[]) args[1];
            float[] values = (float[]) args[2];
            MessageDigest d = values.length <= MAX_FINGERPRINT_VALUES ? digest(headers, indices, values) : null;
            origins.put(matrix, new Origin(null, headers, d, values.length, cols(args, null), missing(args, null),
                    String.valueOf(args.length > 3 ? args[3] : "CSR")));
        } else {
            origins.put(matrix, new Origin(null, args[0], null, -1, null, null, args[0] == null ? "unknown" : args[0].getClass().getSimpleName()));
        }
        return Collections.emptyList();
    }

    /** The training DMatrix and each watch, once per matrix, with the roles it plays. */
    @Override
    public List<DataInput> dataInputs(Object method, Object[] arguments, SourceLookup sources) {
        Map<Object, List<String>> roles = new IdentityHashMap<>();
        List<Object> order = new ArrayList<>();
        if (arguments != null && arguments.length > 0 && Reflect.isA(arguments[0], XgboostInstrumentation.DMATRIX)) {
            role(roles, order, arguments[0], "train");
        }
        Map<?, ?> watches = map(arguments, 1);
        if (watches != null) {
            for (Map.Entry<?, ?> e : watches.entrySet()) {
                if (Reflect.isA(e.getValue(), XgboostInstrumentation.DMATRIX)) {
                    role(roles, order, e.getValue(), "watch " + e.getKey());
                }
            }
        }
        List<DataInput> out = new ArrayList<>();
        for (Object matrix : order) {
            out.add(describe(matrix, roles.get(matrix)));
        }
        return out;
    }

    private static void role(Map<Object, List<String>> roles, List<Object> order, Object matrix, String role) {
        if (!roles.containsKey(matrix)) {
            roles.put(matrix, new ArrayList<>());
            order.add(matrix);
        }
        roles.get(matrix).add(role);
    }

    private DataInput describe(Object matrix, List<String> roles) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("roles", String.join(", ", roles));
        Object rows = Reflect.call(matrix, "rowNum");
        Long rowCount = rows instanceof Number ? ((Number) rows).longValue() : null;
        Origin origin = origins.get(matrix);
        if (origin == null) {
            details.put("origin", "built before the agent attached");
            return new DataInput("dmatrix", null, null, null, rowCount, null, details);
        }
        if ("file".equals(origin.kind)) {
            return new DataInput("file", origin.file == null ? null : origin.file.toUri().toString(), null, null, rowCount, null, details);
        }
        details.put("layout", origin.kind);
        if (origin.missing != null) {
            details.put("missing", String.valueOf(origin.missing));
        }
        List<String> shape = origin.cols == null || rowCount == null ? null
                : Collections.singletonList("[" + rowCount + ", " + origin.cols + "]");
        String sha = null;
        if (origin.values == null) {
            details.put("fingerprint", origin.count > MAX_FINGERPRINT_VALUES ? "none: more than " + MAX_FINGERPRINT_VALUES
                    + " values" : "none: built from " + origin.kind);
        } else {
            try {
                MessageDigest values = (MessageDigest) origin.values.clone();
                details.put("valuesSha256", Hex.of(((MessageDigest) values.clone()).digest()));
                Object labels = Reflect.call(matrix, "getLabel");
                if (labels instanceof float[]) {
                    updateFloats(values, (float[]) labels);
                    MessageDigest labelsOnly = Hex.sha256();
                    updateFloats(labelsOnly, (float[]) labels);
                    details.put("labelsSha256", Hex.of(labelsOnly.digest()));
                }
                sha = Hex.of(values.digest());
            } catch (CloneNotSupportedException e) {
                details.put("fingerprint", "none: " + e);
            }
        }
        return new DataInput("dmatrix", null, null, sha, rowCount, shape, details);
    }

    /** The local file a DMatrix path names: {@code data.csv?format=csv&label_column=0} and {@code data.txt#cache} read data.csv / data.txt. */
    static Path localFile(String spec) {
        String path = spec;
        int cut = path.indexOf('?');
        if (cut >= 0) {
            path = path.substring(0, cut);
        }
        cut = path.indexOf('#');
        if (cut >= 0) {
            path = path.substring(0, cut);
        }
        try {
            Path p = path.startsWith("file:") ? Paths.get(java.net.URI.create(path)) : Paths.get(path);
            return Files.isRegularFile(p) ? p.toAbsolutePath().normalize() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    // ---- metrics ----

    /** The string {@code evalSet} returned while a training ran: "[3]\ttrain-rmse:0.21\ttest-rmse:0.25". */
    @Override
    public RoundMetrics roundMetrics(Object result) {
        return result instanceof String ? parseRound((String) result) : null;
    }

    /** Cross-validation's history: one such string per round (names like "cv-test-rmse"). */
    @Override
    public List<RoundMetrics> resultRounds(Object result) {
        List<RoundMetrics> out = new ArrayList<>();
        if (result instanceof String[]) {
            for (String line : (String[]) result) {
                RoundMetrics r = parseRound(line);
                if (r != null) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    static RoundMetrics parseRound(String text) {
        Matcher m = ROUND.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (String item : m.group(2).split("\\t")) {
            int colon = item.lastIndexOf(':');
            if (colon > 0) {
                try {
                    values.put(item.substring(0, colon), Double.parseDouble(item.substring(colon + 1)));
                } catch (NumberFormatException ignored) {
                    // "nan" and friends: not a number to plot
                }
            }
        }
        return values.isEmpty() ? null : new RoundMetrics(Long.parseLong(m.group(1)), values);
    }

    /** {@code evalSet} called by the program after training: an evaluation of that booster. */
    @Override
    public List<Evaluation> evaluations(Object result) {
        RoundMetrics r = result instanceof String ? parseRound((String) result) : null;
        if (r == null) {
            return Collections.emptyList();
        }
        Map<String, Object> metrics = new LinkedHashMap<>(r.values);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("iteration", r.round);
        return Collections.singletonList(new Evaluation("Booster.evalSet", metrics, details));
    }

    // ---- artifacts ----

    @Override
    public Path modelFile(Object target) {
        if (target instanceof String) {
            return Paths.get((String) target).toAbsolutePath().normalize();
        }
        return JavaStreams.fileOf(target);
    }

    // ---- helpers ----

    /** The {@code n}-th Map among the arguments (0: the parameters, 1: the watches). */
    private static Map<?, ?> map(Object[] arguments, int n) {
        int seen = 0;
        if (arguments != null) {
            for (Object a : arguments) {
                if (a instanceof Map && seen++ == n) {
                    return (Map<?, ?>) a;
                }
            }
        }
        return null;
    }

    private static List<String> names(Map<?, ?> watches) {
        List<String> out = new ArrayList<>();
        for (Object k : watches.keySet()) {
            out.add(String.valueOf(k));
        }
        return out;
    }

    private static Long cols(Object[] args, Long known) {
        // dense (data, nrow, ncol[, missing]); CSR/CSC (headers, indices, data, type[, ncol[, missing, nthread]])
        int at = args[0] instanceof float[] ? 2 : 4;
        return args.length > at && args[at] instanceof Number ? Long.valueOf(((Number) args[at]).longValue()) : known;
    }

    private static Object missing(Object[] args, Object known) {
        int at = args[0] instanceof float[] ? 3 : 5;
        return args.length > at && args[at] instanceof Float ? args[at] : known;
    }

    private static void putIfPresent(Map<String, Object> out, String key, Object value) {
        if (value != null) {
            out.put(key, value);
        }
    }

    private static MessageDigest digest(float[] values) {
        MessageDigest d = Hex.sha256();
        updateFloats(d, values);
        return d;
    }

    private static MessageDigest digest(long[] headers, int[] indices, float[] values) {
        MessageDigest d = Hex.sha256();
        ByteBuffer b = ByteBuffer.allocate(8 * 8192).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < headers.length; i++) {
            if (!b.hasRemaining()) {
                b.flip();
                d.update(b);
                b.clear();
            }
            b.putLong(headers[i]);
        }
        b.flip();
        d.update(b);
        b.clear();
        for (int i = 0; i < indices.length; i++) {
            if (b.remaining() < 4) {
                b.flip();
                d.update(b);
                b.clear();
            }
            b.putInt(indices[i]);
        }
        b.flip();
        d.update(b);
        updateFloats(d, values);
        return d;
    }

    /** Little-endian float32, in chunks: never a second full copy of a large array. */
    static void updateFloats(MessageDigest d, float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * 16384).order(ByteOrder.LITTLE_ENDIAN);
        for (int off = 0; off < values.length; off += 16384) {
            int n = Math.min(16384, values.length - off);
            bytes.clear();
            bytes.asFloatBuffer().put(values, off, n);
            bytes.limit(4 * n);
            d.update(bytes);
        }
    }
}
