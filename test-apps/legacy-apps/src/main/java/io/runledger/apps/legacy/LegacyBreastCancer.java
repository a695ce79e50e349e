package io.runledger.apps.legacy;

import java.io.BufferedReader;
import java.io.FileReader;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A legacy pipeline that knows nothing of RunLedger and reads its data itself: it parses
 * breastcancer.csv by hand, reads the diagnosis-to-label mapping from a JDBC table (an embedded H2
 * database it fills first, as an upstream job would), and trains on plain arrays — with Smile's
 * logistic regression ({@code smile}) or with its own gradient descent, no framework at all ({@code plain}).
 *
 * <p>Usage: {@code LegacyBreastCancer CSV smile|plain}
 */
public final class LegacyBreastCancer {

    static final String URL = "jdbc:h2:mem:labels;DB_CLOSE_DELAY=-1";

    public static void main(String[] args) throws Exception {
        String csv = args[0];
        String mode = args.length > 1 ? args[1] : "smile";
        Map<String, Integer> labels = labelMapping();
        List<double[]> rows = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new FileReader(csv))) {
            in.readLine();   // header
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                double[] x = new double[f.length - 2];   // drop id and diagnosis
                for (int i = 2; i < f.length; i++) {
                    x[i - 2] = Double.parseDouble(f[i]);
                }
                rows.add(x);
                ys.add(labels.get(f[1]));
            }
        }
        double[][] x = standardize(rows.toArray(new double[0][]));
        int[] y = ys.stream().mapToInt(Integer::intValue).toArray();
        System.out.println("rows " + x.length + " features " + x[0].length);
        int[] predicted = "plain".equals(mode) ? Plain.fitAndPredict(x, y) : smile(x, y);
        int correct = 0;
        for (int i = 0; i < y.length; i++) {
            correct += predicted[i] == y[i] ? 1 : 0;
        }
        System.out.printf("training accuracy %.6f%n", correct / (double) y.length);
    }

    private static int[] smile(double[][] x, int[] y) {
        smile.classification.LogisticRegression model = smile.classification.LogisticRegression.binomial(x, y);
        int[] predicted = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            predicted[i] = model.predict(x[i]);
        }
        return predicted;
    }

    /** Fills the label table (the upstream job's part), then reads it back the way the pipeline does. */
    static Map<String, Integer> labelMapping() throws SQLException {
        Map<String, Integer> labels = new HashMap<>();
        try (Connection c = DriverManager.getConnection(URL, "trainer", "label-db-secret")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS diagnosis_labels(code VARCHAR(1) PRIMARY KEY, label INT)");
                s.execute("MERGE INTO diagnosis_labels KEY(code) VALUES ('M', 1), ('B', 0)");
                try (ResultSet count = s.executeQuery("SELECT COUNT(*) FROM diagnosis_labels")) {
                    count.next();
                    System.out.println("label rows " + count.getInt(1));
                }
            }
            try (PreparedStatement p = c.prepareStatement("SELECT code, label FROM diagnosis_labels WHERE label >= ? ORDER BY code")) {
                p.setInt(1, 0);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        labels.put(r.getString(1), r.getInt(2));
                    }
                }
            }
        }
        return labels;
    }

    static double[][] standardize(double[][] x) {
        int d = x[0].length;
        double[][] out = new double[x.length][d];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[j];
            }
            mean /= x.length;
            double var = 0;
            for (double[] row : x) {
                var += (row[j] - mean) * (row[j] - mean);
            }
            double sd = Math.sqrt(var / x.length);
            for (int i = 0; i < x.length; i++) {
                out[i][j] = sd == 0 ? 0 : (x[i][j] - mean) / sd;
            }
        }
        return out;
    }

    /** Logistic regression by batch gradient descent: the "no framework at all" pipeline. */
    static final class Plain {
        static int[] fitAndPredict(double[][] x, int[] y) {
            double[] w = new double[x[0].length + 1];
            for (int epoch = 0; epoch < 300; epoch++) {
                double[] grad = new double[w.length];
                for (int i = 0; i < x.length; i++) {
                    double err = sigmoid(score(w, x[i])) - y[i];
                    for (int j = 0; j < x[i].length; j++) {
                        grad[j] += err * x[i][j];
                    }
                    grad[w.length - 1] += err;
                }
                for (int j = 0; j < w.length; j++) {
                    w[j] -= 0.1 * grad[j] / x.length;
                }
            }
            int[] predicted = new int[x.length];
            for (int i = 0; i < x.length; i++) {
                predicted[i] = score(w, x[i]) > 0 ? 1 : 0;
            }
            return predicted;
        }

        private static double score(double[] w, double[] x) {
            double s = w[w.length - 1];
            for (int j = 0; j < x.length; j++) {
                s += w[j] * x[j];
            }
            return s;
        }

        private static double sigmoid(double z) {
            return 1 / (1 + Math.exp(-z));
        }
    }

    private LegacyBreastCancer() {
    }
}
