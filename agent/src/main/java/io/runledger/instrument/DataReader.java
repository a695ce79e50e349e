package io.runledger.instrument;

import io.runledger.snapshot.DataInput;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

/** Tells what data reached a training or an evaluation, without consuming any of it. */
public interface DataReader {

    /** What reached the training entry point: iterators, in-memory arrays (fingerprinted). */
    List<DataInput> dataInputs(Object model, Object[] arguments, SourceLookup sources);

    /** Local data files a training's arguments came from (e.g. a dataset's provenance), to hash as data sources. */
    default List<Path> trainingFiles(Object model, Object[] arguments) {
        return Collections.emptyList();
    }

    /**
     * Files of a training's input on file systems the JDK cannot open (HDFS, S3, …) that the framework has
     * already listed, each with a way to read it: hashed only when {@code hash.remote} asks for it.
     */
    default List<RemoteFile> remoteTrainingFiles(Object model, Object[] arguments) {
        return Collections.emptyList();
    }

    /** The local files a reader opened from {@code source} (a data-source event). */
    default List<Path> files(Object reader, Object source) {
        return Collections.emptyList();
    }

    /** Local data files an evaluation result says it was computed on (e.g. from its provenance). */
    default List<Path> evaluationFiles(Object result) {
        return Collections.emptyList();
    }

    /** The files already recorded for a reader. */
    interface SourceLookup {
        List<Path> filesOf(Object reader);
    }
}
