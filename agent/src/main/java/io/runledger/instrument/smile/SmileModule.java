package io.runledger.instrument.smile;

import io.runledger.instrument.ReaderModule;
import io.runledger.instrument.TypeInstrumentation;

import java.util.Collections;
import java.util.List;

/**
 * Smile: every static {@code fit} is one training (the positional overload it delegates to gives the
 * values really used), {@code smile.io.Read} sources, fitted transforms, validation results, models
 * written by {@code Write.object} or plain Java serialization.
 */
public final class SmileModule extends ReaderModule {

    @Override
    public String name() {
        return "smile";
    }

    /** Its matchers pick classes by name and by declared static methods. */
    @Override
    public boolean wovenFromOwnBytesOnly() {
        return true;
    }

    /** The versions test-apps builds and runs (see the README's support table). */
    @Override
    public String[] testedVersions() {
        return new String[] {"3.1.1", "6.3.0"};   // 6.x on Java 25 (test-apps/smile-newest)
    }

    @Override
    public List<String> depthNames() {
        return java.util.Arrays.asList("smile.cv", "smile.fit", "smile.validate");
    }

    @Override
    public List<String> armingPrefixes() {
        return Collections.singletonList("smile/");
    }

    @Override
    public TypeInstrumentation instrumentation() {
        return new SmileInstrumentation();
    }

    @Override
    public boolean savesModelsWithJavaSerialization() {
        return true;
    }

    @Override
    protected Object reader() {
        return Reader.INSTANCE;
    }

    /** Loaded at the first training event, not in premain. */
    private static final class Reader {
        static final SmileInspector INSTANCE = new SmileInspector();
    }
}
