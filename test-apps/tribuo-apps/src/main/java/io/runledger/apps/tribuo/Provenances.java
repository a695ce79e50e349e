package io.runledger.apps.tribuo;

import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.util.Pair;
import org.tribuo.Model;

/** Prints the top-level primitive fields of a model's trainer provenance, as the app sees them. */
final class Provenances {

    private Provenances() {
    }

    static void print(String tag, Model<?> model) {
        ObjectProvenance trainer = model.getProvenance().getTrainerProvenance();
        for (Pair<String, Provenance> p : trainer) {
            if (p.getB() instanceof PrimitiveProvenance && !p.getA().contains("time") && !p.getA().contains("host")) {
                System.out.println(tag + " trainer " + p.getA() + " " + ((PrimitiveProvenance<?>) p.getB()).getValue());
            }
        }
        System.out.println(tag + " model " + model.getClass().getName() + " features " + model.getFeatureIDMap().size());
    }
}
