package io.runledger.lineage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runledger.snapshot.Artifact;
import io.runledger.snapshot.CodeInfo;
import io.runledger.snapshot.DataInput;
import io.runledger.snapshot.DataSource;
import io.runledger.snapshot.Evaluation;
import io.runledger.snapshot.FailureInfo;
import io.runledger.snapshot.MetricSeries;
import io.runledger.snapshot.Snapshot;
import io.runledger.snapshot.Training;
import io.runledger.util.Json;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenLineage run events (spec 2-0-2) made from a run's snapshot: the run (its id is the run's), the job
 * (namespace from {@code openlineage.namespace}, name the run's name) with a job-type facet {@code MODEL}
 * and the git location, the data sources as input datasets (a version facet carrying the content hash,
 * a schema facet where a framework told the columns) and the model files as outputs. Hyperparameters,
 * metrics and evaluations go into custom run facets prefixed {@code runledger_} (their schema is
 * {@code docs/openlineage-facets.schema.json}); ML facets are only a proposal in OpenLineage so far.
 */
public final class LineageEvents {

    static final String RUN_EVENT_SCHEMA = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
    static final String FACETS = "https://openlineage.io/spec/facets/";
    static final String OWN_FACETS = "https://runledger.dev/spec/openlineage-facets/1-0-0.json#/$defs/";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String namespace;
    private final String producer;

    /** {@code agentVersion} names the producer: {@code https://runledger.dev/agent/<version>}. */
    public LineageEvents(String namespace, String agentVersion) {
        this.namespace = namespace;
        this.producer = "https://runledger.dev/agent/" + (agentVersion == null ? "unknown" : agentVersion);
    }

    /** A RunEvent of {@code type} (START, RUNNING, COMPLETE, FAIL) describing {@code s} as it stands. */
    public ObjectNode event(String type, Snapshot s, Instant at) {
        ObjectNode e = NODES.objectNode();
        e.put("eventType", type);
        e.put("eventTime", at.toString());
        e.put("producer", producer);
        e.put("schemaURL", RUN_EVENT_SCHEMA);
        ObjectNode run = e.putObject("run");
        run.put("runId", s.run.id);
        run.set("facets", runFacets(type, s));
        ObjectNode job = e.putObject("job");
        job.put("namespace", namespace);
        job.put("name", s.run.name);
        job.set("facets", jobFacets(s));
        e.set("inputs", inputs(s));
        e.set("outputs", outputs(s));
        return e;
    }

    private ObjectNode facet(String schema) {
        ObjectNode f = NODES.objectNode();
        f.put("_producer", producer);
        f.put("_schemaURL", schema);
        return f;
    }

    /** A new facet named {@code name} in {@code facets}. */
    private ObjectNode facet(ObjectNode facets, String name, String schema) {
        ObjectNode f = facet(schema);
        facets.set(name, f);
        return f;
    }

    private ObjectNode jobFacets(Snapshot s) {
        ObjectNode facets = NODES.objectNode();
        ObjectNode type = facet(facets, "jobType", FACETS + "2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet");
        type.put("processingType", "BATCH");
        type.put("integration", "RUNLEDGER");
        type.put("jobType", "MODEL");
        CodeInfo code = s.code;
        if (code != null && code.commit != null) {
            ObjectNode src = facet(facets, "sourceCodeLocation", FACETS + "1-0-1/SourceCodeLocationJobFacet.json#/$defs/SourceCodeLocationJobFacet");
            src.put("type", "git");
            String url = code.remoteUrl != null ? code.remoteUrl : code.root == null ? "unknown" : new java.io.File(code.root).toURI().toString();
            src.put("url", url);
            src.put("repoUrl", url);
            src.put("version", code.commit);
            if (code.branch != null) {
                src.put("branch", code.branch);
            }
        }
        return facets;
    }

    private ObjectNode runFacets(String type, Snapshot s) {
        ObjectNode facets = NODES.objectNode();
        if (!s.trainings.isEmpty()) {
            Training first = s.trainings.get(0);
            ObjectNode engine = facet(facets, "processing_engine", FACETS + "1-1-1/ProcessingEngineRunFacet.json#/$defs/ProcessingEngineRunFacet");
            engine.put("name", first.framework);
            engine.put("version", first.frameworkVersion == null ? "unknown" : first.frameworkVersion);
            engine.put("openlineageAdapterVersion", producer.substring(producer.lastIndexOf('/') + 1));
        }
        ArrayNode trainings = NODES.arrayNode();
        ArrayNode metrics = NODES.arrayNode();
        ArrayNode evaluations = NODES.arrayNode();
        for (Training t : s.trainings) {
            ObjectNode n = trainings.addObject();
            n.put("index", t.index);
            n.put("framework", t.framework);
            n.put("frameworkVersion", t.frameworkVersion);
            n.put("modelType", t.modelType);
            n.put("entryPoint", t.entryPoint);
            n.put("status", t.status == null ? null : t.status.name());
            n.set("hyperparameters", Json.MAPPER.valueToTree(t.hyperparameters));
            n.set("seeds", Json.MAPPER.valueToTree(t.seeds));
            for (MetricSeries m : t.metrics == null ? List.<MetricSeries>of() : t.metrics) {
                if (m.points.isEmpty()) {
                    continue;
                }
                ObjectNode mn = metrics.addObject();
                mn.put("training", t.index);
                mn.put("name", m.name);
                mn.put("count", m.count);
                mn.put("lastIteration", m.points.get(m.points.size() - 1).iteration);
                mn.put("last", m.points.get(m.points.size() - 1).value);
            }
            for (Evaluation ev : t.evaluations == null ? List.<Evaluation>of() : t.evaluations) {
                ObjectNode en = evaluations.addObject();
                en.put("training", t.index);
                en.put("type", ev.type);
                en.set("metrics", Json.MAPPER.valueToTree(ev.metrics));
            }
        }
        facet(facets, "runledger_training", OWN_FACETS + "TrainingRunFacet").set("trainings", trainings);
        facet(facets, "runledger_metrics", OWN_FACETS + "MetricsRunFacet").set("metrics", metrics);
        facet(facets, "runledger_evaluations", OWN_FACETS + "EvaluationsRunFacet").set("evaluations", evaluations);
        FailureInfo failure = s.run.failure;
        if ("FAIL".equals(type)) {
            ObjectNode error = facet(facets, "errorMessage", FACETS + "1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet");
            error.put("message", failure == null ? "exit " + s.run.exitCode + (s.run.signal == null ? "" : " (" + s.run.signal + ")")
                    : failure.type + ": " + failure.message);
            error.put("programmingLanguage", "JAVA");
            if (failure != null && failure.stack != null) {
                error.put("stackTrace", String.join("\n", failure.stack));
            }
        }
        return facets;
    }

    private ArrayNode inputs(Snapshot s) {
        Map<String, List<String>> schemas = new LinkedHashMap<>();
        for (Training t : s.trainings) {
            for (DataInput d : t.dataInputs == null ? List.<DataInput>of() : t.dataInputs) {
                Object schema = d.details == null ? null : d.details.get("schema");
                if (d.uri != null && schema instanceof List) {
                    @SuppressWarnings("unchecked")
                    List<String> columns = (List<String>) schema;
                    schemas.put(d.uri, columns);
                }
            }
        }
        ArrayNode out = NODES.arrayNode();
        for (DataSource d : s.dataSources) {
            ObjectNode ds = dataset(d.uri, d.sha256);
            if (ds == null) {
                continue;
            }
            List<String> columns = schemas.get(d.uri);
            if (columns != null) {
                ArrayNode fields = facet((ObjectNode) ds.get("facets"), "schema",
                        FACETS + "1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet").putArray("fields");
                for (String c : columns) {
                    int colon = c.lastIndexOf(": ");
                    if (colon > 0) {
                        fields.addObject().put("name", c.substring(0, colon)).put("type", c.substring(colon + 2));
                    }
                }
            }
            out.add(ds);
        }
        return out;
    }

    private ArrayNode outputs(Snapshot s) {
        ArrayNode out = NODES.arrayNode();
        for (Artifact a : s.artifacts) {
            ObjectNode ds = a.path == null ? null : dataset(new java.io.File(a.path).toURI().toString(), a.sha256);
            if (ds != null) {
                out.add(ds);
            }
        }
        return out;
    }

    /** A dataset named the OpenLineage way (file: namespace {@code file}, name the path; else scheme://authority and path). */
    private ObjectNode dataset(String uri, String sha256) {
        String[] name = name(uri);
        if (name == null) {
            return null;
        }
        ObjectNode ds = NODES.objectNode();
        ds.put("namespace", name[0]);
        ds.put("name", name[1]);
        ObjectNode facets = ds.putObject("facets");
        if (sha256 != null) {
            facet(facets, "version", FACETS + "1-0-1/DatasetVersionDatasetFacet.json#/$defs/DatasetVersionDatasetFacet")
                    .put("datasetVersion", "sha256:" + sha256);
        }
        return ds;
    }

    /** {namespace, name} for a data source's URI; null when it is none. */
    static String[] name(String uri) {
        if (uri == null) {
            return null;
        }
        String u = uri.startsWith("jdbc:") ? uri.substring("jdbc:".length()) : uri;
        try {
            URI parsed = URI.create(u);
            if (parsed.getScheme() == null) {
                return new String[] {"file", u};
            }
            if ("file".equals(parsed.getScheme())) {
                return new String[] {"file", parsed.getPath()};
            }
            String authority = parsed.getRawAuthority() == null ? "" : parsed.getRawAuthority();
            String path = parsed.getRawPath() == null || parsed.getRawPath().isEmpty() ? u : parsed.getRawPath();
            return new String[] {parsed.getScheme() + "://" + authority, path.startsWith("/") && authority.length() > 0 ? path.substring(1) : path};
        } catch (RuntimeException e) {
            return new String[] {"unknown", uri};
        }
    }
}
