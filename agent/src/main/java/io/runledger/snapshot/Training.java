package io.runledger.snapshot;

import java.util.List;
import java.util.Map;

/** One fit/train call: the framework's own view of model, hyperparameters, data and outcome. */
public final class Training {

    public final int index;
    public final String framework;
    public final String frameworkVersion;
    public final String modelType;
    public final String entryPoint;
    /** How many consecutive calls on the same model this training is (a loop of fit(DataSet)); omitted for one. */
    public final Integer fitCalls;
    public final String startedAt;
    public final String endedAt;
    public final TrainingStatus status;
    public final FailureInfo error;
    public final Map<String, Object> hyperparameters;
    public final Map<String, Object> seeds;
    public final List<DataInput> dataInputs;
    public final List<FeatureStep> featureSteps;
    public final List<MetricSeries> metrics;
    public final List<Evaluation> evaluations;
    public final List<String> warnings;
    public final Map<String, Object> details;

    public Training(int index, String framework, String frameworkVersion, String modelType, String entryPoint, Integer fitCalls, String startedAt, String endedAt, TrainingStatus status, FailureInfo error, Map<String,  Object> hyperparameters, Map<String,  Object> seeds, List<DataInput> dataInputs, List<FeatureStep> featureSteps, List<MetricSeries> metrics, List<Evaluation> evaluations, List<String> warnings, Map<String, Object> details) {
        this.index = index;
        this.framework = framework;
        this.frameworkVersion = frameworkVersion;
        this.modelType = modelType;
        this.entryPoint = entryPoint;
        this.fitCalls = fitCalls;
        this.startedAt = startedAt;
        this.endedAt = endedAt;
        this.status = status;
        this.error = error;
        this.hyperparameters = hyperparameters;
        this.seeds = seeds;
        this.dataInputs = dataInputs;
        this.featureSteps = featureSteps;
        this.metrics = metrics;
        this.evaluations = evaluations;
        this.warnings = warnings;
        this.details = details;
    }
}
