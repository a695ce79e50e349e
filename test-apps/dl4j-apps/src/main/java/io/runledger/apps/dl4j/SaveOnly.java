package io.runledger.apps.dl4j;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.File;

/**
 * Builds and saves a network without training it (an export or conversion job).
 * Usage: SaveOnly OUTPUT_DIR
 */
public final class SaveOnly {

    public static void main(String[] args) throws Exception {
        File out = new File(args[0]);
        out.mkdirs();
        MultiLayerNetwork model = Iris.network(0.05, 8);
        File file = new File(out, "untrained.zip");
        ModelSerializer.writeModel(model, file, false);
        System.out.println("saved " + file.getAbsolutePath());
    }
}
