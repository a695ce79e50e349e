package io.runledger.apps.tribuo;

import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.data.columnar.FieldProcessor;
import org.tribuo.data.columnar.RowProcessor;
import org.tribuo.data.columnar.processors.field.DoubleFieldProcessor;
import org.tribuo.data.columnar.processors.response.FieldResponseProcessor;
import org.tribuo.data.csv.CSVDataSource;
import org.tribuo.evaluation.TrainTestSplitter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;

/**
 * Binary classification of the Wisconsin breast cancer data (response "diagnosis", "id" dropped) with a
 * LogisticRegressionTrainer, evaluated on a 30% split, saved with serializeToFile.
 * Usage: BreastCancerLogistic DATA_FILE OUTPUT_DIR [modify]   (modify: append to the data file after loading it)
 */
public final class BreastCancerLogistic {

    public static void main(String[] args) throws Exception {
        Path data = Paths.get(args[0]);
        Path out = Files.createDirectories(Paths.get(args[1]));
        Map<String, FieldProcessor> fields = new HashMap<>();
        for (String column : Files.readAllLines(data).get(0).split(",")) {
            String name = column.replace("\"", "");
            if (!name.equals("id") && !name.equals("diagnosis")) {
                fields.put(name, new DoubleFieldProcessor(name));
            }
        }
        RowProcessor<Label> rows = new RowProcessor<>(new FieldResponseProcessor<>("diagnosis", "", new LabelFactory()), fields);
        CSVDataSource<Label> source = new CSVDataSource<>(data, rows, true);
        TrainTestSplitter<Label> split = new TrainTestSplitter<>(source, 0.7, 1L);
        MutableDataset<Label> train = new MutableDataset<>(split.getTrain());
        MutableDataset<Label> test = new MutableDataset<>(split.getTest());
        System.out.println("cancer train " + train.size() + " test " + test.size() + " features " + train.getFeatureMap().size());
        if (args.length > 2 && args[2].equals("modify")) {
            // a file that changes after it was loaded: what was trained on is not what is on disk now
            Files.write(data, "\n".getBytes(), java.nio.file.StandardOpenOption.APPEND);
            System.out.println("cancer data file modified after loading");
        }
        Model<Label> model = new LogisticRegressionTrainer().train(train);
        Provenances.print("cancer", model);
        LabelEvaluation eval = new LabelEvaluator().evaluate(model, test);
        System.out.println("cancer accuracy " + eval.accuracy());
        System.out.println("cancer macroF1 " + eval.macroAveragedF1());
        System.out.println("cancer confusion " + eval.getConfusionMatrix().toString().trim().replaceAll("\\s+", " "));
        Path file = out.resolve("cancer-model.tribuo");
        model.serializeToFile(file);
        System.out.println("cancer saved " + file.toAbsolutePath());
        Model<?> reloaded = Model.deserializeFromFile(file);   // the tutorial's check that the saved model loads
        System.out.println("cancer reloaded " + reloaded.getClass().getSimpleName());
    }
}
