package io.runledger.apps.dl4j;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.security.MessageDigest;

/**
 * Trains from in-memory arrays: fit(DataSet) on all rows, then fit(INDArray, INDArray) on the first
 * 100. Prints a SHA-256 of each input's values (features, then labels, as stored) to compare with.
 * Usage: ArrayFit DATA_FILE
 */
public final class ArrayFit {

    public static void main(String[] args) throws Exception {
        DataSetIterator all = new org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator(
                reader(args[0]), 150, 4, 3);
        DataSet data = all.next();
        MultiLayerNetwork model = Iris.network(0.05, 8);
        model.fit(data);
        System.out.println("dataset sha256 " + sha256(data.getFeatures(), data.getLabels()) + " score " + model.score());
        INDArray features = data.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 100)).dup();
        INDArray labels = data.getLabels().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 100)).dup();
        model.fit(features, labels);
        System.out.println("arrays sha256 " + sha256(features, labels) + " score " + model.score());
    }

    private static org.datavec.api.records.reader.RecordReader reader(String path) throws Exception {
        org.datavec.api.records.reader.RecordReader r = new org.datavec.api.records.reader.impl.csv.CSVRecordReader(0, ',');
        r.initialize(new org.datavec.api.split.FileSplit(new java.io.File(path)));
        return r;
    }

    private static String sha256(INDArray... arrays) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        for (INDArray a : arrays) {
            d.update(a.data().asBytes());
        }
        StringBuilder sb = new StringBuilder();
        for (byte b : d.digest()) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }
}
