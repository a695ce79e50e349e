package io.runledger.agent;

import io.runledger.instrument.TrainingReader;

import java.util.Collections;
import java.util.Map;

/**
 * What a module reads from the model when a training starts: hyperparameters, the seeds the model itself
 * carries and details such as the configuration text. Read on the program's thread, or on the agent's
 * collection thread for modules whose reading is slow ({@link TrainingReader#describesInBackground()}).
 */
final class ModelDescription {

    final Map<String, Object> hyperparameters;
    final Map<String, Object> seeds;
    final Map<String, Object> details;

    private ModelDescription(Map<String, Object> hyperparameters, Map<String, Object> seeds, Map<String, Object> details) {
        this.hyperparameters = orEmpty(hyperparameters);
        this.seeds = orEmpty(seeds);
        this.details = orEmpty(details);
    }

    /** Asks the reader in the order the readers expect (the hyperparameters first: they refresh its cache). */
    static ModelDescription read(TrainingReader reader, Object model, String entryPoint, Object[] arguments) {
        Map<String, Object> hyperparameters = reader.hyperparameters(model, entryPoint, arguments);
        Map<String, Object> seeds = reader.seeds(model, arguments);
        return new ModelDescription(hyperparameters, seeds, reader.details(model));
    }

    private static Map<String, Object> orEmpty(Map<String, Object> values) {
        return values == null ? Collections.emptyMap() : values;
    }
}
