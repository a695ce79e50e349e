package io.runledger.instrument;

import java.nio.file.Path;

/** Tells where a model was written. */
public interface ArtifactReader {

    /** The file a model was written to, or null (a stream). */
    Path modelFile(Object target);

    /** The model a save event's subject writes (Spark passes its {@code MLWriter}); the subject itself by default. */
    default Object savedModel(Object subject) {
        return subject;
    }

    /**
     * True when {@code object}, written with plain Java serialization, is a model of this framework.
     * Called for every {@code ObjectOutputStream.writeObject} when the module says
     * {@link FrameworkModule#savesModelsWithJavaSerialization()}: check the class name first, it is the common case.
     */
    default boolean isSerializedModel(Object object) {
        return false;
    }
}
