package io.runledger.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import io.runledger.util.Json;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Paths;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/snapshot.schema.json and the typed model the agent writes and the CLI reads have the same fields. */
class SchemaModelTest {

    private static final Map<String, Class<?>> DEFINITIONS = new LinkedHashMap<>();

    static {
        DEFINITIONS.put("failure", FailureInfo.class);
        DEFINITIONS.put("run", RunInfo.class);
        DEFINITIONS.put("process", ProcessInfo.class);
        DEFINITIONS.put("jvm", JvmInfo.class);
        DEFINITIONS.put("gpu", Gpu.class);
        DEFINITIONS.put("container", ContainerLimits.class);
        DEFINITIONS.put("host", HostInfo.class);
        DEFINITIONS.put("code", CodeInfo.class);
        DEFINITIONS.put("dependency", Dependency.class);
        DEFINITIONS.put("environment", EnvironmentInfo.class);
        DEFINITIONS.put("dataInput", DataInput.class);
        DEFINITIONS.put("featureStep", FeatureStep.class);
        DEFINITIONS.put("metricPoint", MetricPoint.class);
        DEFINITIONS.put("metricSeries", MetricSeries.class);
        DEFINITIONS.put("evaluation", Evaluation.class);
        DEFINITIONS.put("training", Training.class);
        DEFINITIONS.put("dataSource", DataSource.class);
        DEFINITIONS.put("artifact", Artifact.class);
        DEFINITIONS.put("artifactFile", ArtifactFile.class);
        DEFINITIONS.put("executor", ExecutorInfo.class);
        DEFINITIONS.put("executorFile", ExecutorFile.class);
    }

    @Test
    void everySchemaDefinitionHasTheFieldsOfItsModelClass() throws Exception {
        JsonNode schema = Json.MAPPER.readTree(Paths.get("..", "docs", "snapshot.schema.json").toFile());
        assertEquals(fields(Snapshot.class), properties(schema), "the snapshot itself");
        assertEquals(new TreeSet<>(DEFINITIONS.keySet()), names(schema.path("$defs")), "every definition is mapped to a class");
        for (Map.Entry<String, Class<?>> d : DEFINITIONS.entrySet()) {
            assertEquals(fields(d.getValue()), properties(schema.path("$defs").path(d.getKey())), d.getKey() + " vs " + d.getValue().getSimpleName());
        }
    }

    /** What the agent wrote reads back into the same classes and writes out again unchanged. */
    @Test
    void recordedSnapshotsRoundTripThroughTheTypedModel() throws Exception {
        for (String fixture : new String[] {"tribuo-a", "tribuo-b", "dl4j-cpu"}) {
            JsonNode written = Json.MAPPER.readTree(SchemaModelTest.class.getResourceAsStream("/snapshots/" + fixture + ".json"));
            Snapshot typed = Json.reader().treeToValue(written, Snapshot.class);
            JsonNode again = Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(typed));
            assertTrue(written.equals(again), fixture + " changed in the round trip:\n" + firstDifference(written, again, ""));
        }
    }

    /** The path of the first node that differs, for a readable failure. */
    private static String firstDifference(JsonNode a, JsonNode b, String path) {
        if (a.isContainerNode() && b.isContainerNode() && a.size() == b.size()) {
            Iterator<String> names = a.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                String d = firstDifference(a.get(n), b.path(n), path + "." + n);
                if (d != null) {
                    return d;
                }
            }
            for (int i = 0; a.isArray() && i < a.size(); i++) {
                String d = firstDifference(a.get(i), b.get(i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return a.equals(b) ? null : path + ": " + a + " vs " + b;
    }

    private static TreeSet<String> fields(Class<?> type) {
        TreeSet<String> out = new TreeSet<>();
        for (Field f : type.getDeclaredFields()) {
            if (Modifier.isPublic(f.getModifiers()) && !Modifier.isStatic(f.getModifiers())) {
                out.add(f.getName());
            }
        }
        return out;
    }

    private static TreeSet<String> properties(JsonNode definition) {
        return names(definition.path("properties"));
    }

    private static TreeSet<String> names(JsonNode object) {
        TreeSet<String> out = new TreeSet<>();
        Iterator<String> it = object.fieldNames();
        it.forEachRemaining(out::add);
        return out;
    }
}
