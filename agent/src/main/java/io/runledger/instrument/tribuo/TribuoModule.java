package io.runledger.instrument.tribuo;

import io.runledger.instrument.ReaderModule;
import io.runledger.instrument.TypeInstrumentation;

import java.util.Collections;
import java.util.List;

/**
 * Tribuo: every {@code Trainer.train(Dataset, ..)} is one training (trainers are stateless per call),
 * described from Tribuo's own provenance; evaluators, SGD loss from its log, models saved by
 * {@code serializeToFile}/{@code serializeToStream} or plain Java serialization.
 */
public final class TribuoModule extends ReaderModule {

    @Override
    public String name() {
        return "tribuo";
    }

    /** Its matchers pick classes by name and by a declared train(Dataset...) method. */
    @Override
    public boolean wovenFromOwnBytesOnly() {
        return true;
    }

    /** The versions test-apps builds and runs (see the README's support table). */
    @Override
    public String[] testedVersions() {
        return new String[] {"4.2.0", "4.3.2"};
    }

    @Override
    public List<String> depthNames() {
        return java.util.Arrays.asList("tribuo.evaluate", "tribuo.save", "tribuo.train");
    }

    @Override
    public List<String> armingPrefixes() {
        return Collections.singletonList("org/tribuo/");
    }

    @Override
    public TypeInstrumentation instrumentation() {
        return new TribuoInstrumentation();
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
        static final TribuoInspector INSTANCE = new TribuoInspector();
    }
}
