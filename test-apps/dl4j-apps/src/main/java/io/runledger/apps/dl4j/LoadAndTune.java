package io.runledger.apps.dl4j;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import java.io.File;

/**
 * The examples' save-and-reload: restores a saved network, and either only scores it (an inference job)
 * or trains it a few more epochs (fine-tuning a pretrained model). Usage: LoadAndTune MODEL_ZIP DATA_FILE [tune]
 */
public final class LoadAndTune {

    public static void main(String[] args) throws Exception {
        MultiLayerNetwork model = ModelSerializer.restoreMultiLayerNetwork(new File(args[0]), false);
        DataSetIterator data = Iris.iterator(args[1]);
        if (args.length > 2 && args[2].equals("tune")) {
            Nd4j.getRandom().setSeed(42);   // a restored network does not reseed ND4J: the program does, for a repeatable tuning
            model.fit(data, 3);
            data.reset();
            System.out.println("tuned score " + model.score());
        }
        Evaluation eval = model.evaluate(data);
        System.out.println("loaded accuracy " + eval.accuracy());
    }
}
