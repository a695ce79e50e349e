package io.runledger.apps.spark;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Spark ML program as the Spark docs write one: a Pipeline (StringIndexer, VectorAssembler,
 * StandardScaler, LogisticRegression) on the breast-cancer CSV split 70/30 with a seed, evaluated by
 * area under ROC, saved; then a 2-fold CrossValidator over a 2x2 grid, fitting two grid points at a time on its own threads. Stage uids are fixed so that two
 * runs write the same model files (Spark draws random uids otherwise).
 *
 * <p>Arguments: CSV path (a local path, or {@code elsewhere:///path} through {@link ElsewhereFileSystem}), model directory, [master (default local[2])], [{@code no-cv}: the pipeline only].
 */
public final class BreastCancerPipeline {

    private BreastCancerPipeline() {
    }

    public static void main(String[] args) throws java.io.IOException {
        String master = args.length > 2 ? args[2] : "local[2]";
        SparkSession spark = SparkSession.builder().master(master).appName("breast-cancer-pipeline")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.hadoop.fs.elsewhere.impl", ElsewhereFileSystem.class.getName())   // elsewhere:///path: a "remote" file
                .getOrCreate();
        try {
            run(spark, args[0], args[1], !(args.length > 3 && args[3].equals("no-cv")));
        } finally {
            spark.stop();
        }
    }

    private static void run(SparkSession spark, String csv, String modelDir, boolean crossValidate) throws java.io.IOException {
        Dataset<Row> data = spark.read().option("header", "true").option("inferSchema", "true").csv(csv);
        List<String> features = new ArrayList<>();
        for (String column : data.columns()) {
            if (!column.equals("id") && !column.equals("diagnosis")) {
                features.add(column);
            }
        }
        Dataset<Row>[] split = data.randomSplit(new double[] {0.7, 0.3}, 42L);
        Dataset<Row> train = split[0];
        Dataset<Row> test = split[1];

        StringIndexer indexer = new StringIndexer("indexer").setInputCol("diagnosis").setOutputCol("label")
                .setStringOrderType("alphabetAsc");
        VectorAssembler assembler = new VectorAssembler("assembler").setInputCols(features.toArray(new String[0])).setOutputCol("raw");
        StandardScaler scaler = new StandardScaler("scaler").setInputCol("raw").setOutputCol("features").setWithMean(true);
        LogisticRegression lr = new LogisticRegression("logreg").setMaxIter(20).setRegParam(0.01);
        Pipeline pipeline = new Pipeline("pipeline").setStages(new PipelineStage[] {indexer, assembler, scaler, lr});

        PipelineModel model = pipeline.fit(train);
        LogisticRegressionModel fitted = (LogisticRegressionModel) model.stages()[3];
        System.out.println("iterations " + fitted.summary().totalIterations());
        System.out.println("objective history " + Arrays.toString(fitted.summary().objectiveHistory()));

        BinaryClassificationEvaluator auc = new BinaryClassificationEvaluator("auc").setMetricName("areaUnderROC");
        double testAuc = auc.evaluate(model.transform(test));
        System.out.println("test areaUnderROC " + testAuc);
        model.write().overwrite().save(modelDir);
        System.out.println("saved " + modelDir);
        if (!crossValidate) {
            return;
        }

        ParamMap[] grid = new ParamGridBuilder()
                .addGrid(lr.regParam(), new double[] {0.01, 0.1})
                .addGrid(lr.elasticNetParam(), new double[] {0.0, 0.5})
                .build();
        CrossValidator cv = new CrossValidator("cv").setEstimator(pipeline).setEvaluator(auc).setEstimatorParamMaps(grid)
                .setNumFolds(2).setSeed(7L).setParallelism(2);
        CrossValidatorModel best = cv.fit(train);
        System.out.println("cv avgMetrics " + Arrays.toString(best.avgMetrics()));
        System.out.println("cv best test areaUnderROC " + auc.evaluate(best.transform(test)));
    }
}
