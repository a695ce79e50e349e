package io.runledger.instrument;

/**
 * The class-name prefixes (internal form) that make the agent arm itself. Kept apart from the
 * instrumentation classes: premain reads these, and must not initialise anything of ByteBuddy's.
 */
public final class FrameworkPrefixes {

    public static final String[] DL4J = {"org/deeplearning4j/", "org/nd4j/", "org/datavec/"};
    public static final String[] TRIBUO = {"org/tribuo/"};
    public static final String[] SMILE = {"smile/"};

    private FrameworkPrefixes() {
    }
}
