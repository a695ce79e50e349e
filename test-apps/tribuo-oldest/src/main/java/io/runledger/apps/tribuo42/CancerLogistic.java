package io.runledger.apps.tribuo42;

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

import java.io.BufferedOutputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;

/**
 * Logistic regression on the breast-cancer CSV as a Tribuo 4.2 program writes it: a columnar CSV source,
 * a 70/30 TrainTestSplitter, LabelEvaluator, and the model saved with Java serialization (4.2 has no
 * serializeToFile). Usage: CancerLogistic CSV OUTPUT_DIR
 */
public final class CancerLogistic {

    public static void main(String[] args) throws Exception {
        Path data = Paths.get(args[0]);
        Path out = Files.createDirectories(Paths.get(args[1]));
        Map<String, FieldProcessor> fields = new HashMap<>();
        for (String column : Files.readAllLines(data).get(0).split(",")) {
            String name = column.replace("\"", "");
            if (!name.equals("diagnosis") && !name.equals("id")) {
                fields.put(name, new DoubleFieldProcessor(name));
            }
        }
        LabelFactory labels = new LabelFactory();
        RowProcessor<Label> rows = new RowProcessor<>(new FieldResponseProcessor<>("diagnosis", "", labels), fields);
        CSVDataSource<Label> source = new CSVDataSource<>(data, rows, true);
        TrainTestSplitter<Label> split = new TrainTestSplitter<>(source, 0.7, 1L);
        MutableDataset<Label> train = new MutableDataset<>(split.getTrain());
        MutableDataset<Label> test = new MutableDataset<>(split.getTest());
        Model<Label> model = new LogisticRegressionTrainer().train(train);
        LabelEvaluation eval = new LabelEvaluator().evaluate(model, test);
        System.out.println("cancer42 accuracy " + eval.accuracy());
        Path file = out.resolve("cancer-model.ser");
        try (ObjectOutputStream stream = new ObjectOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            stream.writeObject(model);
        }
        System.out.println("cancer42 saved " + file.toAbsolutePath());
    }
}
