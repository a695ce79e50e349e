package io.runledger.apps.dl4j;

import org.datavec.api.io.filters.RandomPathFilter;
import org.datavec.api.records.reader.RecordReader;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.datavec.api.split.InputSplit;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

import java.io.File;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The DL4J examples' way to read a directory of files in a repeatable random order: one generator made
 * from a seed ({@code new Random(seed)}), handed to the {@code FileSplit} that shuffles the files and to
 * the path filter that samples the train and test files from it.
 * Usage: ShuffledFiles DATA_DIR SEED
 */
public final class ShuffledFiles {

    public static void main(String[] args) throws Exception {
        long seed = Long.parseLong(args[1]);
        Random rng = new Random(seed);
        FileSplit files = new FileSplit(new File(args[0]), new String[] {"csv"}, rng);
        InputSplit[] trainAndTest = files.sample(new RandomPathFilter(rng, "csv"), 80, 20);
        System.out.println("seed " + seed);
        System.out.println("train files " + names(trainAndTest[0]));
        System.out.println("test files " + names(trainAndTest[1]));

        DataSetIterator train = iterator(trainAndTest[0]);
        DataSetIterator test = iterator(trainAndTest[1]);
        NormalizerStandardize normalizer = Iris.normalize(train);
        test.setPreProcessor(normalizer);
        MultiLayerNetwork model = Iris.network(0.1, 3);
        model.fit(train, 20);
        System.out.println("score " + model.score());
        Iris.evaluate("test", model, test);
    }

    private static DataSetIterator iterator(InputSplit split) throws Exception {
        RecordReader reader = new CSVRecordReader(0, ',');
        reader.initialize(split);
        return new RecordReaderDataSetIterator(reader, Iris.BATCH, 4, 3);
    }

    private static List<String> names(InputSplit split) {
        List<String> names = new ArrayList<>();
        for (URI location : split.locations()) {
            names.add(new File(location).getName());
        }
        return names;
    }
}
