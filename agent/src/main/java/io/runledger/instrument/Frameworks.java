package io.runledger.instrument;

import io.runledger.instrument.dl4j.Dl4jInspector;
import io.runledger.instrument.smile.SmileInspector;
import io.runledger.instrument.tribuo.TribuoInspector;

/** The inspector for each framework name used in the bootstrap API's events. */
public final class Frameworks {

    public static final String DL4J = "dl4j";
    public static final String TRIBUO = "tribuo";
    public static final String SMILE = "smile";

    private static final FrameworkInspector DL4J_INSPECTOR = new Dl4jInspector();
    private static final FrameworkInspector TRIBUO_INSPECTOR = new TribuoInspector();
    private static final FrameworkInspector SMILE_INSPECTOR = new SmileInspector();

    private Frameworks() {
    }

    public static FrameworkInspector inspector(String framework) {
        return DL4J.equals(framework) ? DL4J_INSPECTOR : TRIBUO.equals(framework) ? TRIBUO_INSPECTOR
                : SMILE.equals(framework) ? SMILE_INSPECTOR : null;
    }
}
