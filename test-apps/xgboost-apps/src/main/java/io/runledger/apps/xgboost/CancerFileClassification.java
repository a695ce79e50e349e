package io.runledger.apps.xgboost;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;

import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binary classification of the breast cancer data from a file XGBoost reads natively: the program first
 * writes it as label-first CSV (M=1, B=0, no header, no id), then builds a file-backed DMatrix, trains
 * with early stopping, saves the model through a stream and evaluates it once more with evalSet.
 * Usage: CancerFileClassification BREASTCANCER_CSV OUTPUT_DIR
 */
public final class CancerFileClassification {

    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Paths.get(args[1]));
        Path csv = out.resolve("cancer-xgb.csv");
        List<String> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(Paths.get(args[0]));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.replace("\"", "").split(",");
            StringBuilder row = new StringBuilder(f[1].equals("M") ? "1" : "0");
            for (int j = 2; j < f.length; j++) {
                row.append(',').append(f[j]);
            }
            rows.add(row.toString());
        }
        Files.write(csv, rows);
        Results.print("data-sha256", Results.sha256(csv));

        DMatrix data = new DMatrix(csv + "?format=csv&label_column=0");
        Map<String, Object> params = new HashMap<>();
        params.put("objective", "binary:logistic");
        params.put("max_depth", 3);
        params.put("eta", 0.3);
        params.put("seed", 11);
        params.put("nthread", 1);
        params.put("eval_metric", "logloss");
        Map<String, DMatrix> watches = new LinkedHashMap<>();
        watches.put("train", data);
        Booster booster = XGBoost.train(data, params, 20, watches, null, null, null, 5);
        Path model = out.resolve("cancer.ubj");
        try (OutputStream stream = new FileOutputStream(model.toFile())) {
            booster.saveModel(stream);
        }
        Results.print("model-sha256", Results.sha256(model));
        Path bytes = out.resolve("cancer-bytes.ubj");   // the other way to keep a booster: its bytes, written by hand
        Files.write(bytes, booster.toByteArray());
        Results.print("bytes-sha256", Results.sha256(bytes));
        String evaluation = booster.evalSet(new DMatrix[] {data}, new String[] {"train"}, 19);
        Results.print("evaluation", evaluation.replace('\t', ' '));
        Results.print("predictions-sha256", Results.sha256(booster.predict(data)));
    }
}
