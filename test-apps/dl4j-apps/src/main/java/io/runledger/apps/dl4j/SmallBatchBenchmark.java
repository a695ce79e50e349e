package io.runledger.apps.dl4j;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Many tiny iterations (batch size 8), so that any per-iteration cost of an agent shows. Times its own
 * training and prints it. Usage: SmallBatchBenchmark DATA_FILE EPOCHS
 */
public final class SmallBatchBenchmark {

    public static void main(String[] args) throws Exception {
        int epochs = Integer.parseInt(args[1]);
        org.datavec.api.records.reader.RecordReader reader = new org.datavec.api.records.reader.impl.csv.CSVRecordReader(0, ',');
        reader.initialize(new org.datavec.api.split.FileSplit(new java.io.File(args[0])));
        DataSetIterator data = new org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator(reader, 8, 4, 3);
        Iris.normalize(data);
        MultiLayerNetwork model = Iris.network(0.01, 16);
        model.fit(data, 2);   // warm-up: JIT and native libraries
        long start = System.nanoTime();
        model.fit(data, epochs);
        long nanos = System.nanoTime() - start;
        System.out.println("iterations " + model.getIterationCount() + " trainMillis " + nanos / 1_000_000.0 + " finalScore " + model.score());
    }
}
