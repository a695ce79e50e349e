package io.runledger.apps.xgboost;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gradient-boosted regression of abalone ring counts, read by hand into dense in-memory DMatrix objects
 * (sex one-hot plus seven measurements), with a train and a test watch, saved as a model file.
 * Usage: AbaloneRegression TRAIN_FILE TEST_FILE OUTPUT_DIR [cv]   (cv: a 3-fold cross-validation instead)
 */
public final class AbaloneRegression {

    static final int FEATURES = 10;
    static final int ROUNDS = 30;

    public static void main(String[] args) throws Exception {
        float[][] train = read(Paths.get(args[0]));
        float[][] test = read(Paths.get(args[1]));
        Path out = Files.createDirectories(Paths.get(args[2]));
        DMatrix dtrain = new DMatrix(train[0], train[1].length, FEATURES, Float.NaN);
        dtrain.setLabel(train[1]);
        DMatrix dtest = new DMatrix(test[0], test[1].length, FEATURES, Float.NaN);
        dtest.setLabel(test[1]);
        Results.print("fingerprint-train", Results.sha256(train[0], train[1]));
        Results.print("fingerprint-test", Results.sha256(test[0], test[1]));

        Map<String, Object> params = new HashMap<>();
        params.put("objective", "reg:squarederror");
        params.put("max_depth", 4);
        params.put("eta", 0.1);
        params.put("subsample", 0.8);
        params.put("seed", 7);
        params.put("nthread", 1);
        params.put("eval_metric", "rmse");

        if (args.length > 3 && args[3].equals("cv")) {
            String[] history = XGBoost.crossValidation(dtrain, params, 10, 3, null, null, null);
            Results.print("cv-rounds", history.length);
            // XGBoost4J's crossValidation deals the folds with an unseeded Random: its figures differ between
            // any two runs, so they go to stderr, out of the with/without-agent comparison
            System.err.println("CV " + history[history.length - 1].replace('\t', ' '));
            return;
        }

        Map<String, DMatrix> watches = new LinkedHashMap<>();
        watches.put("train", dtrain);
        watches.put("test", dtest);
        float[][] metrics = new float[2][ROUNDS];
        Booster booster = XGBoost.train(dtrain, params, ROUNDS, watches, metrics, null, null, 0);
        Results.print("train-rmse", metrics[0][ROUNDS - 1]);
        Results.print("test-rmse", metrics[1][ROUNDS - 1]);
        Results.print("predictions-sha256", Results.sha256(booster.predict(dtest)));
        Path model = out.resolve("abalone.json");
        booster.saveModel(model.toString());
        Results.print("model-sha256", Results.sha256(model));
    }

    /** Features (row-major) and labels of an abalone file: sex,length,diameter,height,whole,shucked,viscera,shell,rings. */
    static float[][] read(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file);
        float[] x = new float[lines.size() * FEATURES];
        float[] y = new float[lines.size()];
        int row = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split(",");
            int base = row * FEATURES;
            x[base] = f[0].equals("M") ? 1 : 0;
            x[base + 1] = f[0].equals("F") ? 1 : 0;
            x[base + 2] = f[0].equals("I") ? 1 : 0;
            for (int j = 1; j <= 7; j++) {
                x[base + 2 + j] = Float.parseFloat(f[j]);
            }
            y[row++] = Float.parseFloat(f[8]);
        }
        return new float[][] {java.util.Arrays.copyOf(x, row * FEATURES), java.util.Arrays.copyOf(y, row)};
    }
}
