package io.runledger.instrument.spark;

import io.runledger.snapshot.DataInput;
import io.runledger.util.Reflect;

import io.runledger.instrument.RemoteFile;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Dataset is made of, read from its analysed logical plan (computed when the Dataset was made):
 * file relations with the files Spark listed (no new listing), JDBC relations, catalog tables, local
 * rows, random-split samples and the schema. Nothing here runs a Spark job or touches the data.
 */
final class SparkPlans {

    /** Files listed per relation in a snapshot; the count and total size cover all of them. */
    static final int MAX_FILES = 100;
    static final int MAX_COLUMNS = 200;
    private static final int MAX_NODES = 10_000;

    private SparkPlans() {
    }

    /** The analysed plan of a Dataset, else its logical plan. */
    static Object plan(Object dataset) {
        Object analysed = Reflect.call(Reflect.call(dataset, "queryExecution"), "analyzed");
        return analysed != null ? analysed : Reflect.call(dataset, "logicalPlan");
    }

    /** Every node of {@code plan}, parents first, bounded. */
    static List<Object> nodes(Object plan) {
        List<Object> out = new ArrayList<>();
        Deque<Object> todo = new ArrayDeque<>();
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        if (plan != null) {
            todo.push(plan);
        }
        while (!todo.isEmpty() && out.size() < MAX_NODES) {
            Object node = todo.pop();
            if (seen.put(node, Boolean.TRUE) != null) {
                continue;
            }
            out.add(node);
            List<Object> children = ScalaSeqs.list(Reflect.call(node, "children"), 1000);
            for (int i = children.size() - 1; i >= 0; i--) {
                if (children.get(i) != null) {
                    todo.push(children.get(i));
                }
            }
        }
        return out;
    }

    /** The data input a Dataset is, with its sources, splits and schema. */
    static DataInput describe(Object dataset, String role) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (role != null) {
            details.put("role", role);
        }
        List<Map<String, Object>> sources = new ArrayList<>();
        List<Map<String, Object>> samples = new ArrayList<>();
        String uri = null;
        Long size = null;
        for (Object node : nodes(plan(dataset))) {
            String type = node.getClass().getSimpleName();
            if (type.equals("Sample")) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("lowerBound", Reflect.call(node, "lowerBound"));
                s.put("upperBound", Reflect.call(node, "upperBound"));
                s.put("withReplacement", Reflect.call(node, "withReplacement"));
                s.put("seed", seed(node));
                samples.add(s);
            } else if (ScalaSeqs.list(Reflect.call(node, "children"), 1).isEmpty()) {
                Map<String, Object> source = leaf(node);
                sources.add(source);
                if (uri == null && source.get("root") instanceof String) {
                    uri = (String) source.get("root");
                }
                if (source.get("sizeBytes") instanceof Long) {
                    size = (size == null ? 0L : size) + (Long) source.get("sizeBytes");
                }
            }
        }
        details.put("sources", sources);
        if (!samples.isEmpty()) {
            details.put("samples", samples);
        }
        Object fields = Reflect.call(Reflect.call(dataset, "schema"), "fields");
        List<String> columns = schema(fields);
        if (!columns.isEmpty()) {
            details.put("schema", columns);
        }
        List<String> shape = columns.isEmpty() ? null : Collections.singletonList("[?, " + ((Object[]) fields).length + "]");
        return new DataInput("spark-dataset", uri, size, null, null, shape, details);
    }

    /** A Sample node's seed: a long in Spark 3, a value holder in Spark 4. */
    static Object seed(Object sample) {
        Object seed = Reflect.call(sample, "seed");
        if (seed instanceof Number || seed == null) {
            return seed;
        }
        Object value = Reflect.call(seed, "value");
        return value instanceof Number ? value : String.valueOf(seed);
    }

    /** A plan leaf: a file relation, a JDBC relation, a catalog table, local rows or an RDD. */
    static Map<String, Object> leaf(Object node) {
        Map<String, Object> out = new LinkedHashMap<>();
        String type = node.getClass().getSimpleName();
        Object relation = Reflect.call(node, "relation");
        Object catalog = SparkParams.optionValue(Reflect.call(node, "catalogTable"));
        if (catalog == null) {
            catalog = Reflect.call(node, "tableMeta");   // HiveTableRelation
        }
        if (catalog != null) {
            out.put("table", String.valueOf(Reflect.call(catalog, "identifier")));
            Object location = SparkParams.optionValue(Reflect.call(Reflect.call(catalog, "storage"), "locationUri"));
            if (location != null) {
                out.put("location", String.valueOf(location));
            }
            Object provider = SparkParams.optionValue(Reflect.call(catalog, "provider"));
            if (provider != null) {
                out.put("provider", String.valueOf(provider));
            }
        }
        if (Reflect.isA(relation, "org.apache.spark.sql.execution.datasources.HadoopFsRelation")) {
            out.put("kind", "files");
            out.put("format", String.valueOf(Reflect.call(relation, "fileFormat")));
            files(Reflect.call(relation, "location"), out);
        } else if (Reflect.isA(relation, "org.apache.spark.sql.execution.datasources.jdbc.JDBCRelation")) {
            Object options = Reflect.call(relation, "jdbcOptions");
            out.put("kind", "jdbc");
            out.put("url", String.valueOf(Reflect.call(options, "url")));
            out.put("tableOrQuery", String.valueOf(Reflect.call(options, "tableOrQuery")));
        } else if (type.equals("LocalRelation")) {
            out.put("kind", "local rows");
            out.put("rows", Reflect.call(Reflect.call(node, "data"), "size"));
        } else if (!out.containsKey("table")) {
            out.put("kind", relation != null ? relation.getClass().getSimpleName() : type);
        }
        return out;
    }

    /** The files a file index has already listed (never a new listing), their count, total size and roots. */
    private static void files(Object index, Map<String, Object> out) {
        List<Object> roots = ScalaSeqs.list(Reflect.call(index, "rootPaths"), MAX_FILES);
        if (!roots.isEmpty()) {
            out.put("root", uri(roots.get(0)));
        }
        if (!Reflect.isA(index, "org.apache.spark.sql.execution.datasources.PartitioningAwareFileIndex")) {
            return;   // e.g. a catalog index lists its partitions on demand: that is work, not a read of state
        }
        List<Map<String, Object>> listed = new ArrayList<>();
        long count = 0;
        long total = 0;
        for (Object status : ScalaSeqs.list(Reflect.call(index, "allFiles"), Integer.MAX_VALUE)) {
            Object length = Reflect.call(status, "getLen");
            long len = length instanceof Long ? (Long) length : 0L;
            count++;
            total += len;
            if (listed.size() < MAX_FILES) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("path", uri(Reflect.call(status, "getPath")));
                f.put("sizeBytes", len);
                f.put("modifiedMillis", Reflect.call(status, "getModificationTime"));
                listed.add(f);
            }
        }
        out.put("fileCount", count);
        out.put("sizeBytes", total);
        out.put("files", listed);
    }

    /** A Hadoop Path as a URI string; a local file as the JDK writes its URI ({@code file:///…}), as data sources name it. */
    static String uri(Object hadoopPath) {
        Object u = Reflect.call(hadoopPath, "toUri");
        String text = String.valueOf(u != null ? u : hadoopPath);
        Path local = text.startsWith("file:") ? localFile(text) : null;
        return local != null ? local.toUri().toString() : text;
    }

    /** The local file a file URI names (scheme {@code file}, or none), else null. */
    static Path localFile(String uri) {
        try {
            URI u = URI.create(uri);
            if (u.getScheme() == null) {
                return Paths.get(uri).toAbsolutePath().normalize();
            }
            return "file".equals(u.getScheme()) ? Paths.get(u).toAbsolutePath().normalize() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The files Spark listed for every file relation of a described input (path, sizeBytes, modifiedMillis each). */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> listedFiles(DataInput input) {
        List<Map<String, Object>> out = new ArrayList<>();
        Object sources = input.details == null ? null : input.details.get("sources");
        if (sources instanceof List) {
            for (Map<String, Object> s : (List<Map<String, Object>>) sources) {
                Object files = s.get("files");
                if (files instanceof List) {
                    out.addAll((List<Map<String, Object>>) files);
                }
            }
        }
        return out;
    }

    /** The local files of every file relation in the Dataset's plan (those Spark listed), for hashing. */
    static List<Path> localFiles(DataInput input) {
        List<Path> out = new ArrayList<>();
        for (Map<String, Object> f : listedFiles(input)) {
            Path p = localFile(String.valueOf(f.get("path")));
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * The listed files of the Dataset's file relations that are not local, each opened (when hashed) through
     * the Hadoop file system Spark listed it with: {@code Path.getFileSystem(conf).open(path)}, with the
     * context's Hadoop configuration. Nothing is opened here.
     */
    static List<RemoteFile> remoteFiles(Object dataset, DataInput input) {
        List<RemoteFile> out = new ArrayList<>();
        List<Map<String, Object>> listed = listedFiles(input);
        if (listed.isEmpty()) {
            return out;
        }
        Object conf = Reflect.call(Reflect.call(Reflect.call(dataset, "sparkSession"), "sparkContext"), "hadoopConfiguration");
        Constructor<?> hadoopPath;
        try {
            hadoopPath = Class.forName("org.apache.hadoop.fs.Path", false, dataset.getClass().getClassLoader()).getConstructor(String.class);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return out;
        }
        for (Map<String, Object> f : listed) {
            String uri = String.valueOf(f.get("path"));
            if (localFile(uri) != null) {
                continue;
            }
            Object size = f.get("sizeBytes");
            Object modified = f.get("modifiedMillis");
            out.add(new RemoteFile(uri, size instanceof Number ? ((Number) size).longValue() : -1,
                    modified instanceof Number ? ((Number) modified).longValue() : 0, () -> open(hadoopPath, conf, uri)));
        }
        return out;
    }

    private static InputStream open(Constructor<?> hadoopPath, Object conf, String uri) throws IOException {
        Object path;
        try {
            path = hadoopPath.newInstance(uri);
        } catch (ReflectiveOperationException e) {
            throw new IOException("not a Hadoop path: " + uri, e);
        }
        Object fs = Reflect.call(path, "getFileSystem", conf);
        Object in = Reflect.call(fs, "open", path);
        if (!(in instanceof InputStream)) {
            throw new IOException("Hadoop could not open " + uri + (fs == null ? " (no file system for its scheme)" : ""));
        }
        return (InputStream) in;
    }

    /** "name: type" per column of a schema's fields, bounded. */
    static List<String> schema(Object fields) {
        List<String> out = new ArrayList<>();
        if (fields instanceof Object[]) {
            for (Object field : (Object[]) fields) {
                if (out.size() >= MAX_COLUMNS) {
                    out.add("… " + (((Object[]) fields).length - MAX_COLUMNS) + " more");
                    break;
                }
                out.add(Reflect.call(field, "name") + ": " + Reflect.call(Reflect.call(field, "dataType"), "simpleString"));
            }
        }
        return out;
    }
}
