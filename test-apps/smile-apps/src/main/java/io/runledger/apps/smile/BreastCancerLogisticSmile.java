package io.runledger.apps.smile;

import org.apache.commons.csv.CSVFormat;
import smile.classification.LogisticRegression;
import smile.data.DataFrame;
import smile.io.Read;
import smile.validation.metric.Accuracy;

import java.nio.file.Paths;
import java.util.Properties;

/**
 * Read.csv of breastcancer.csv, LogisticRegression.fit on double[][] with one misspelt Properties key
 * (smile.logistic.lamda), which Smile silently ignores. Usage: BreastCancerLogisticSmile CSV
 */
public final class BreastCancerLogisticSmile {

    public static void main(String[] args) throws Exception {
        DataFrame df = Read.csv(Paths.get(args[0]), CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build());
        double[][] x = df.drop("id", "diagnosis").toArray();
        int[] y = new int[df.nrow()];
        for (int i = 0; i < y.length; i++) {
            y[i] = "M".equals(df.getString(i, "diagnosis")) ? 1 : 0;
        }
        Properties props = new Properties();
        props.setProperty("smile.logistic.lamda", "0.5");        // misspelt: Smile reads smile.logistic.lambda
        props.setProperty("smile.logistic.iterations", "200");
        LogisticRegression model = LogisticRegression.fit(x, y, props);
        System.out.println("logit rows " + x.length + " features " + x[0].length + " accuracy " + Accuracy.of(y, model.predict(x)));
    }
}
