package io.runledger.instrument.smile;

import io.runledger.collect.DependencyCollector;
import io.runledger.instrument.TrainingReader;
import io.runledger.instrument.DataReader;
import io.runledger.instrument.EvaluationReader;
import io.runledger.instrument.FeatureStepReader;
import io.runledger.instrument.ArtifactReader;
import io.runledger.snapshot.DataInput;
import io.runledger.snapshot.Evaluation;
import io.runledger.snapshot.FeatureStep;
import io.runledger.util.Hex;
import io.runledger.util.IdentityMemo;
import io.runledger.util.RecordFields;
import io.runledger.util.Reflect;
import io.runledger.util.Strings;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads Smile 3.x calls. Smile's {@code fit} methods are static, so a training is described by its
 * arguments: the formula, the {@code Properties} exactly as passed, and the positional overload's
 * arguments by their real names (from the class file's local variable table). The {@code smile.*}
 * keys a model class really reads are the string constants in its class file, so a passed key that is
 * not among them was ignored, and the nearest real key is named.
 */
public final class SmileInspector implements TrainingReader, DataReader, EvaluationReader, FeatureStepReader, ArtifactReader {

    /** Per class: method name+descriptor → parameter names; and the smile.* keys the class reads. */
    private static final class ClassFacts {
        final Map<String, List<String>> parameterNames = new LinkedHashMap<>();
        final TreeSet<String> keys = new TreeSet<>();
    }

    private final Map<Class<?>, ClassFacts> facts = new ConcurrentHashMap<>();

    @Override
    public String version(Object method) {
        return method instanceof Method ? DependencyCollector.versionOf(((Method) method).getDeclaringClass()) : null;
    }

    @Override
    public Map<String, Object> hyperparameters(Object method, String entryPoint, Object[] arguments) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!(method instanceof Method) || arguments == null) {
            return out;
        }
        List<String> names = parameterNames((Method) method);
        if (((Method) method).getDeclaringClass().getName().equals("smile.validation.LOOCV")) {
            Object rows = rows(arguments);
            if (rows != null) {
                out.put("folds", rows);   // leave-one-out: one fit per row
            }
        }
        for (int i = 0; i < arguments.length; i++) {
            Object a = arguments[i];
            if (a instanceof Properties) {
                for (String key : new TreeSet<>(((Properties) a).stringPropertyNames())) {
                    out.put("properties." + key, ((Properties) a).getProperty(key));
                }
            } else if (Reflect.isA(a, "smile.data.formula.Formula")) {
                out.put("formula", String.valueOf(a));
            } else if (isOptionsRecord(a)) {
                options(a, out);
            } else {
                Object v = value(a);
                if (v != null) {
                    out.put(names.get(i), v);
                }
            }
        }
        return out;
    }

    /** Smile 5 and newer take their hyperparameters as a record ({@code RandomForest.Options}) instead of Properties. */
    private static boolean isOptionsRecord(Object a) {
        return a != null && a.getClass().getName().startsWith("smile.") && RecordFields.isRecord(a);
    }

    /**
     * Every component of an options record, as the fit will use it (a record holds the defaults too):
     * {@code options.ntrees}; a component that is not a plain value (a progress controller) is left out.
     */
    private static void options(Object record, Map<String, Object> out) {
        for (Map.Entry<String, Object> component : RecordFields.of(record).entrySet()) {
            Object v = value(component.getValue());
            if (v != null) {
                out.put("options." + component.getKey(), v);
            }
        }
    }

    /** The positional overload's arguments: the values Smile really used, by parameter name. */
    @Override
    public Map<String, Object> nestedCall(Object method, Object[] arguments) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!(method instanceof Method) || arguments == null) {
            return out;
        }
        if (((Method) method).getName().equals("of") && arguments.length == 2 && arguments[0] instanceof Properties
                && isOptionsRecord(arguments[1])) {
            List<String> ignored = ignoredKeys((Method) method, (Properties) arguments[0]);
            if (!ignored.isEmpty()) {
                optionsWarnings.put(arguments[1], ignored);
            }
            return out;
        }
        List<String> names = parameterNames((Method) method);
        for (int i = 0; i < arguments.length; i++) {
            Object v = value(arguments[i]);
            if (v != null && !(arguments[i] instanceof Properties)) {
                out.put("effective." + names.get(i), v);
            }
        }
        return out;
    }

    /** The number of rows of the data argument (a DataFrame's nrow(), an array's length), or null. */
    private static Object rows(Object[] arguments) {
        for (Object a : arguments) {
            if (Reflect.isA(a, "smile.data.DataFrame")) {
                return Reflect.call(a, "nrow");
            }
            if (a instanceof Object[]) {
                return ((Object[]) a).length;
            }
        }
        return null;
    }

    /** A cross-validation's result: how many folds, and the type of model each fold fitted. */
    @Override
    public Map<String, Object> resultDetails(Object result) {
        Map<String, Object> out = new LinkedHashMap<>();
        Object rounds = Reflect.field(result, "rounds");
        if (rounds instanceof List) {
            List<?> folds = (List<?>) rounds;
            out.put("folds", folds.size());
            Object model = folds.isEmpty() ? null : Reflect.field(folds.get(0), "model");
            if (model != null) {
                out.put("foldModelType", model.getClass().getName());
            }
        }
        return out;
    }

    /** At most this many folds' metrics are kept (a leave-one-out of 10,000 rows has no rounds; a repeated CV may). */
    static final int MAX_FOLDS = 100;

    /** Scalars, enums and small arrays as values; data and streams (a LongStream can be read only once) never. */
    private static Object value(Object a) {
        if (a instanceof Number || a instanceof Boolean || a instanceof String || a instanceof Enum) {
            return a instanceof Enum ? a.toString() : a;
        }
        if (a instanceof int[] && ((int[]) a).length <= 64) {
            return Arrays.toString((int[]) a);
        }
        if (a instanceof double[] && ((double[]) a).length <= 64) {
            return Arrays.toString((double[]) a);
        }
        if (a instanceof long[] && ((long[]) a).length <= 64) {
            return Arrays.toString((long[]) a);
        }
        if (a != null && a.getClass().getName().startsWith("java.util.stream.")) {
            return "(stream, not read)";
        }
        if (a != null && a.getClass().getName().startsWith("smile.base.")) {
            return a.toString();   // split rules, losses
        }
        return null;
    }

    @Override
    public List<String> warnings(Object method, Object[] arguments) {
        List<String> out = new ArrayList<>();
        if (!(method instanceof Method) || arguments == null) {
            return out;
        }
        for (Object a : arguments) {
            if (a instanceof Properties) {
                out.addAll(ignoredKeys((Method) method, (Properties) a));
            } else if (isOptionsRecord(a)) {
                out.addAll(optionsWarnings.of(a));
            }
        }
        return out;
    }

    /** The {@code smile.*} keys of {@code properties} that {@code method}'s class never reads: the default was used. */
    private List<String> ignoredKeys(Method method, Properties properties) {
        List<String> out = new ArrayList<>();
        Class<?> type = method.getDeclaringClass();
        TreeSet<String> valid = facts(type).keys;
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (key.startsWith("smile.") && !valid.contains(key)) {
                out.add("smile: " + type.getSimpleName() + "." + method.getName() + " ignores property '" + key
                        + "' (it reads " + valid + ")" + (valid.isEmpty() ? "" : "; did you mean '" + Strings.nearest(key, valid) + "'?")
                        + " The default was used.");
            }
        }
        return out;
    }

    /** Smile 5+: the warnings of each record made by {@code Options.of(Properties)}, for the fit given that record. */
    private final IdentityNotes optionsWarnings = new IdentityNotes();

    /** The latest 64 objects, held weakly, each with the notes made about it; by identity (a record's equals is its library's code). */
    private static final class IdentityNotes {
        private final java.util.ArrayDeque<IdentityMemo.Entry<List<String>>> latest = new java.util.ArrayDeque<>();

        synchronized void put(Object about, List<String> notes) {
            latest.addFirst(new IdentityMemo.Entry<>(about, notes));
            if (latest.size() > 64) {
                latest.removeLast();
            }
        }

        synchronized List<String> of(Object about) {
            for (IdentityMemo.Entry<List<String>> n : latest) {
                if (n.isAbout(about)) {
                    return n.value();
                }
            }
            return Collections.emptyList();
        }
    }

    /**
     * Parameter names of the positional overloads (Smile 3.1), for class files built without a local
     * variable table; keyed by simple class name, method name and parameter count.
     */
    private static final Map<String, List<String>> KNOWN_NAMES = new LinkedHashMap<>();

    static {
        KNOWN_NAMES.put("RandomForest.fit/11", Arrays.asList("formula", "data", "ntrees", "mtry", "rule", "maxDepth", "maxNodes",
                "nodeSize", "subsample", "classWeight", "seeds"));
        KNOWN_NAMES.put("GradientTreeBoost.fit/9", Arrays.asList("formula", "data", "loss", "ntrees", "maxDepth", "maxNodes",
                "nodeSize", "shrinkage", "subsample"));
        KNOWN_NAMES.put("DecisionTree.fit/7", Arrays.asList("formula", "data", "rule", "maxDepth", "maxNodes", "nodeSize", "mtry"));
        KNOWN_NAMES.put("RegressionTree.fit/5", Arrays.asList("formula", "data", "maxDepth", "maxNodes", "nodeSize"));
        for (String m : new String[] {"fit", "binomial", "multinomial"}) {
            KNOWN_NAMES.put("LogisticRegression." + m + "/5", Arrays.asList("x", "y", "lambda", "tol", "maxIter"));
        }
    }

    List<String> parameterNames(Method method) {
        List<String> names = facts(method.getDeclaringClass()).parameterNames.get(method.getName() + Type.getMethodDescriptor(method));
        if (names != null && names.size() == method.getParameterCount() && !names.contains("arg0")) {
            return names;
        }
        List<String> known = KNOWN_NAMES.get(method.getDeclaringClass().getSimpleName() + "." + method.getName() + "/" + method.getParameterCount());
        if (known != null) {
            return known;
        }
        List<String> fallback = new ArrayList<>();
        for (int i = 0; i < method.getParameterCount(); i++) {
            fallback.add("arg" + i);
        }
        return fallback;
    }

    private ClassFacts facts(Class<?> type) {
        return facts.computeIfAbsent(type, SmileInspector::read);
    }

    /** One pass over the class file: local variable names of each method's parameters, and smile.* string constants. */
    private static ClassFacts read(Class<?> type) {
        ClassFacts f = new ClassFacts();
        ClassLoader loader = type.getClassLoader();
        try (InputStream in = loader == null ? null : loader.getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
            if (in == null) {
                return f;
            }
            new ClassReader(in.readAllBytes()).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                    Type[] params = Type.getArgumentTypes(descriptor);
                    boolean isStatic = (access & Opcodes.ACC_STATIC) != 0;
                    Map<Integer, Integer> slotToIndex = new LinkedHashMap<>();
                    int slot = isStatic ? 0 : 1;
                    for (int i = 0; i < params.length; i++) {
                        slotToIndex.put(slot, i);
                        slot += params[i].getSize();
                    }
                    String[] names = new String[params.length];
                    f.parameterNames.put(name + descriptor, new ArrayList<>());
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitLdcInsn(Object value) {
                            if (value instanceof String && ((String) value).startsWith("smile.")) {
                                f.keys.add((String) value);
                            }
                        }

                        @Override
                        public void visitLocalVariable(String n, String d, String s, Label start, Label end, int index) {
                            Integer i = slotToIndex.get(index);
                            if (i != null && names[i] == null) {
                                names[i] = n;
                            }
                        }

                        @Override
                        public void visitEnd() {
                            List<String> list = new ArrayList<>();
                            for (int i = 0; i < names.length; i++) {
                                list.add(names[i] == null ? "arg" + i : names[i]);
                            }
                            f.parameterNames.put(name + descriptor, list);
                        }
                    };
                }
            }, ClassReader.SKIP_FRAMES);
        } catch (Exception | LinkageError e) {
            // names fall back to arg0..; no key check
        }
        return f;
    }

    @Override
    public boolean evaluationsDuringTrainingAreInternal() {
        return true;   // e.g. RandomForest's out-of-bag metrics, computed on worker threads
    }

    @Override
    public Map<String, Object> seeds(Object method) {
        return Collections.emptyMap();
    }

    @Override
    public Map<String, Object> details(Object method) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (method instanceof Method) {
            Method m = (Method) method;
            out.put("method", m.toGenericString());
            out.put("readsProperties", new ArrayList<>(facts(m.getDeclaringClass()).keys));
            out.put("static", Modifier.isStatic(m.getModifiers()));
        }
        return out;
    }

    @Override
    public List<DataInput> dataInputs(Object method, Object[] arguments, DataReader.SourceLookup sources) {
        List<DataInput> out = new ArrayList<>();
        if (arguments == null) {
            return out;
        }
        for (Object a : arguments) {
            if (Reflect.isA(a, "smile.data.DataFrame")) {
                out.add(frame(a));
                for (Path file : sources.filesOf(a)) {
                    out.add(new DataInput("file", file.toUri().toString(), null, null, null, null, null));
                }
            } else if (a instanceof double[][]) {
                double[][] x = (double[][]) a;
                out.add(fingerprinted("matrix", (long) x.length, Collections.singletonList("[" + x.length + ", " + (x.length == 0 ? 0 : x[0].length) + "]"),
                        null, x, false));
            } else if (a instanceof int[]) {
                int[] y = (int[]) a;
                ByteBuffer buf = ByteBuffer.allocate(4 * y.length);
                for (int v : y) {
                    buf.putInt(v);
                }
                out.add(new DataInput("labels", null, null, Hex.sha256(buf.array()), (long) y.length,
                        Collections.singletonList("[" + y.length + "]"), null));
            }
        }
        return out;
    }

    /**
     * SHA-256 over the values row by row, each as 8 big-endian bytes, handed to the digest 64 KiB at a
     * time (the same digest as one value at a time, which cost a call per value: 185,000 for CalHousing).
     * Rows go into the buffer through a big-endian view, a bulk copy each: on a cold JVM, where this runs
     * interpreted, a call per value took 110-135 ms for CalHousing.
     */
    static String sha256(double[][] rows) {
        MessageDigest d = Hex.sha256();
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        DoubleBuffer values = buf.asDoubleBuffer();
        for (double[] row : rows) {
            for (int from = 0; from < row.length; ) {
                if (!values.hasRemaining()) {
                    d.update(buf.array(), 0, values.position() * Double.BYTES);
                    values.clear();
                }
                int n = Math.min(values.remaining(), row.length - from);
                values.put(row, from, n);
                from += n;
            }
        }
        d.update(buf.array(), 0, values.position() * Double.BYTES);
        return Hex.of(d.digest());
    }

    /** A DataFrame's schema, size and a SHA-256 over its values (as doubles) when it converts. */
    private static DataInput frame(Object df) {
        Map<String, Object> details = new LinkedHashMap<>();
        Object schema = Reflect.call(df, "schema");
        details.put("schema", String.valueOf(schema));
        Object cols = Reflect.call(df, "ncol");
        details.put("columns", cols);
        Object rows = Reflect.call(df, "nrow");
        Object values = Reflect.call(df, "toArray", (Object) new String[0]);
        return fingerprinted("dataframe", rows instanceof Number ? ((Number) rows).longValue() : null,
                Collections.singletonList("[" + rows + ", " + cols + "]"), details, values instanceof double[][] ? (double[][]) values : null,
                true);
    }

    /** At most this many values are held for a fingerprint worked out later (64 MB of doubles); a larger input is hashed at once. */
    static final long LATE_FINGERPRINT_VALUES = 1L << 23;

    /**
     * An in-memory input whose SHA-256 over {@code values} is worked out when the snapshot is written, from
     * a copy ({@code owned}: {@code values} is one already, as {@code DataFrame.toArray} makes); one too
     * large to hold twice is hashed now, on the training's thread, as before.
     */
    private static DataInput fingerprinted(String kind, Long rows, List<String> shape, Map<String, Object> details, double[][] values,
                                           boolean owned) {
        if (values == null) {
            return new DataInput(kind, null, null, null, rows, shape, details);
        }
        long count = 0;
        for (double[] row : values) {
            count += row == null ? 0 : row.length;
        }
        if (count > LATE_FINGERPRINT_VALUES) {
            return new DataInput(kind, null, null, sha256(values), rows, shape, details);
        }
        double[][] copy = owned ? values : new double[values.length][];
        for (int i = 0; !owned && i < values.length; i++) {
            copy[i] = values[i] == null ? null : values[i].clone();
        }
        return DataInput.fingerprintedLater(kind, rows, shape, details, new LateSha256(copy));
    }

    /** {@code Read.*(path)}: the reader is the DataFrame it returned, so the frame can be traced to its file. */
    @Override
    public List<Path> files(Object frame, Object source) {
        try {
            if (source instanceof Path) {
                return Collections.singletonList(((Path) source).toAbsolutePath().normalize());
            }
            if (source instanceof String) {
                String s = (String) source;
                Path p = s.startsWith("file:") ? Paths.get(java.net.URI.create(s)) : Paths.get(s);
                return p.toFile().isFile() ? Collections.singletonList(p.toAbsolutePath().normalize()) : Collections.emptyList();
            }
        } catch (RuntimeException e) {
            return Collections.emptyList();
        }
        return Collections.emptyList();
    }

    @Override
    public FeatureStep featureStep(Object transform, Object input) {
        if (transform == null) {
            return null;
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("fitted", String.valueOf(transform));
        return new FeatureStep(transform.getClass().getName(), params);
    }

    @Override
    public List<Evaluation> evaluations(Object result) {
        if (!(result instanceof Object[]) || ((Object[]) result).length != 2) {
            return Collections.emptyList();
        }
        String what = String.valueOf(((Object[]) result)[0]);
        Object value = ((Object[]) result)[1];
        Map<String, Object> metrics = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();
        if (value instanceof Number) {
            metrics.put(what.substring(what.lastIndexOf('.', what.lastIndexOf('.') - 1) + 1), value);
        } else if (value != null) {
            // cross-validation averages in avg, a single hold-out validation in metrics, a metric object itself
            Object avg = Reflect.field(value, "avg");
            Object single = avg == null ? Reflect.field(value, "metrics") : null;
            Object source = avg != null ? avg : single != null ? single : value;
            metrics.putAll(metricFields(source));
            Object rounds = Reflect.field(value, "rounds");
            if (rounds instanceof List) {
                List<Map<String, Object>> folds = new ArrayList<>();
                for (Object fold : (List<?>) rounds) {
                    if (folds.size() == MAX_FOLDS) {
                        details.put("foldsOmitted", ((List<?>) rounds).size() - MAX_FOLDS);
                        break;
                    }
                    folds.add(metricFields(Reflect.field(fold, "metrics")));
                }
                details.put("folds", folds);
                Object sd = Reflect.field(value, "sd");
                details.put("sd", metricFields(sd != null ? sd : Reflect.field(value, "std")));   // std: Smile 6's regression
            }
            details.put("report", String.valueOf(value));
        }
        return Collections.singletonList(new Evaluation(what, metrics, details));
    }

    private static Map<String, Object> metricFields(Object source) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (source == null) {
            return out;
        }
        for (String f : new String[] {"accuracy", "error", "f1", "precision", "sensitivity", "specificity", "mcc", "auc", "logloss",
            "rmse", "mse", "mad", "r2", "rss"}) {
            Object v = Reflect.field(source, f);
            if (v instanceof Number && !Double.isNaN(((Number) v).doubleValue())) {
                out.put(f, v);
            }
        }
        return out;
    }

    /** Smile's models are saved with Java serialization ({@code Write.object} or an {@code ObjectOutputStream}). */
    @Override
    public boolean isSerializedModel(Object object) {
        return object.getClass().getName().startsWith("smile.") && (Reflect.isA(object, "smile.classification.Classifier")
                || Reflect.isA(object, "smile.regression.Regression") || Reflect.isA(object, "smile.classification.DataFrameClassifier"));
    }

    @Override
    public Path modelFile(Object target) {
        return target instanceof Path ? ((Path) target).toAbsolutePath().normalize() : null;
    }
}
