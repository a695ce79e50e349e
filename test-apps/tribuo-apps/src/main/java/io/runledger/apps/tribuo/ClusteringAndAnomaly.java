package io.runledger.apps.tribuo;

import com.oracle.labs.mlrg.olcut.util.Pair;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.anomaly.Event;
import org.tribuo.anomaly.evaluation.AnomalyEvaluation;
import org.tribuo.anomaly.evaluation.AnomalyEvaluator;
import org.tribuo.anomaly.example.AnomalyDataGenerator;
import org.tribuo.anomaly.libsvm.LibSVMAnomalyTrainer;
import org.tribuo.anomaly.libsvm.SVMAnomalyType;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.evaluation.ClusteringEvaluation;
import org.tribuo.clustering.evaluation.ClusteringEvaluator;
import org.tribuo.clustering.example.ClusteringDataGenerator;
import org.tribuo.clustering.kmeans.KMeansModel;
import org.tribuo.clustering.kmeans.KMeansTrainer;
import org.tribuo.common.libsvm.KernelType;
import org.tribuo.common.libsvm.SVMParameters;

/**
 * Tribuo's clustering and anomaly-detection tutorials: K-Means on generated Gaussian clusters, evaluated
 * on its training data and on a test set; a one-class SVM on generated data with anomalies, evaluated on
 * its test set. Prints every figure the evaluations hold. Usage: ClusteringAndAnomaly
 */
public final class ClusteringAndAnomaly {

    public static void main(String[] args) {
        Dataset<ClusterID> data = ClusteringDataGenerator.gaussianClusters(500, 1L);
        Dataset<ClusterID> test = ClusteringDataGenerator.gaussianClusters(500, 2L);
        KMeansTrainer trainer = new KMeansTrainer(5, 10, KMeansTrainer.Distance.EUCLIDEAN, 1, 1);
        KMeansModel model = trainer.train(data);
        ClusteringEvaluator evaluator = new ClusteringEvaluator();
        ClusteringEvaluation onTrain = evaluator.evaluate(model, data);
        System.out.println("kmeans train normalizedMI " + onTrain.normalizedMI() + " adjustedMI " + onTrain.adjustedMI());
        ClusteringEvaluation onTest = evaluator.evaluate(model, test);
        System.out.println("kmeans test normalizedMI " + onTest.normalizedMI() + " adjustedMI " + onTest.adjustedMI());

        Pair<Dataset<Event>, Dataset<Event>> pair = AnomalyDataGenerator.gaussianAnomaly(2000, 0.2);
        SVMParameters<Event> params = new SVMParameters<>(new SVMAnomalyType(SVMAnomalyType.SVMMode.ONE_CLASS), KernelType.RBF);
        params.setGamma(1.0);
        params.setNu(0.1);
        Model<Event> svm = new LibSVMAnomalyTrainer(params).train(pair.getA());
        AnomalyEvaluation anomaly = new AnomalyEvaluator().evaluate(svm, pair.getB());
        System.out.println("anomaly precision " + anomaly.getPrecision() + " recall " + anomaly.getRecall() + " f1 " + anomaly.getF1()
                + " tp " + anomaly.getTruePositives() + " fp " + anomaly.getFalsePositives());
    }
}
