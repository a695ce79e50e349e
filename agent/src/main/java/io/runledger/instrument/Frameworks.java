package io.runledger.instrument;

import io.runledger.instrument.dl4j.Dl4jInspector;

/** The inspector for each framework name used in the bootstrap API's events. */
public final class Frameworks {

    public static final String DL4J = "dl4j";

    private static final FrameworkInspector DL4J_INSPECTOR = new Dl4jInspector();

    private Frameworks() {
    }

    public static FrameworkInspector inspector(String framework) {
        return DL4J.equals(framework) ? DL4J_INSPECTOR : null;
    }
}
