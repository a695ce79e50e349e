package io.runledger.apps.plain;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A framework-free softmax regression, trained by plain gradient descent: the demo job for the
 * README's quick start. Reads a CSV of numeric features with an integer label in the last column
 * (e.g. iris.txt); with no file it generates a small synthetic data set from a fixed seed.
 */
public final class TinyTrainer {

    public static void main(String[] args) throws IOException {
        long seed = 42;
        int epochs = 200;
        double learningRate = 0.1;
        List<double[]> rows;
        String source;
        if (args.length > 0 && Files.isRegularFile(Paths.get(args[0]))) {
            rows = read(Paths.get(args[0]));
            source = args[0];
        } else {
            rows = synthetic(new Random(seed), 150);
            source = "synthetic (seed " + seed + ")";
        }
        int features = rows.get(0).length - 1;
        int classes = 0;
        for (double[] r : rows) {
            classes = Math.max(classes, (int) r[features] + 1);
        }
        standardize(rows, features);
        double[][] w = new double[classes][features + 1];
        System.out.printf(Locale.ROOT, "data: %s, %d rows, %d features, %d classes%n", source, rows.size(), features, classes);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double loss = step(rows, w, features, learningRate);
            if (epoch % 50 == 0 || epoch == 1) {
                System.out.printf(Locale.ROOT, "epoch %d loss %.6f%n", epoch, loss);
            }
        }
        int correct = 0;
        for (double[] r : rows) {
            correct += predict(w, r, features) == (int) r[features] ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "accuracy %.4f%n", (double) correct / rows.size());
    }

    private static List<double[]> read(Path file) throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.trim().isEmpty()) {
                    continue;
                }
                String[] parts = line.split(",");
                double[] r = new double[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    r[i] = Double.parseDouble(parts[i].trim());
                }
                rows.add(r);
            }
        }
        return rows;
    }

    /** Three Gaussian blobs in four dimensions. */
    private static List<double[]> synthetic(Random random, int n) {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = i % 3;
            double[] r = new double[5];
            for (int f = 0; f < 4; f++) {
                r[f] = label * 1.5 + f * 0.2 + random.nextGaussian() * 0.6;
            }
            r[4] = label;
            rows.add(r);
        }
        return rows;
    }

    private static void standardize(List<double[]> rows, int features) {
        for (int f = 0; f < features; f++) {
            double mean = 0;
            for (double[] r : rows) {
                mean += r[f];
            }
            mean /= rows.size();
            double var = 0;
            for (double[] r : rows) {
                var += (r[f] - mean) * (r[f] - mean);
            }
            double std = Math.sqrt(var / rows.size()) + 1e-12;
            for (double[] r : rows) {
                r[f] = (r[f] - mean) / std;
            }
        }
    }

    private static double[] softmax(double[][] w, double[] r, int features) {
        double[] z = new double[w.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < w.length; c++) {
            z[c] = w[c][features];
            for (int f = 0; f < features; f++) {
                z[c] += w[c][f] * r[f];
            }
            max = Math.max(max, z[c]);
        }
        double sum = 0;
        for (int c = 0; c < z.length; c++) {
            z[c] = Math.exp(z[c] - max);
            sum += z[c];
        }
        for (int c = 0; c < z.length; c++) {
            z[c] /= sum;
        }
        return z;
    }

    private static double step(List<double[]> rows, double[][] w, int features, double lr) {
        double[][] grad = new double[w.length][features + 1];
        double loss = 0;
        for (double[] r : rows) {
            double[] p = softmax(w, r, features);
            int y = (int) r[features];
            loss -= Math.log(p[y] + 1e-12);
            for (int c = 0; c < w.length; c++) {
                double g = p[c] - (c == y ? 1 : 0);
                for (int f = 0; f < features; f++) {
                    grad[c][f] += g * r[f];
                }
                grad[c][features] += g;
            }
        }
        for (int c = 0; c < w.length; c++) {
            for (int f = 0; f <= features; f++) {
                w[c][f] -= lr * grad[c][f] / rows.size();
            }
        }
        return loss / rows.size();
    }

    private static int predict(double[][] w, double[] r, int features) {
        double[] p = softmax(w, r, features);
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }
}
