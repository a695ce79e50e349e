package io.runledger.instrument;

import java.io.IOException;
import java.io.InputStream;

/**
 * A file on a file system the JDK cannot open (HDFS, S3, …), as the framework listed it (URI, size,
 * modification time), with a way to read it through the framework's own file-system client.
 */
public final class RemoteFile {

    /** Opens the file for reading; the caller closes the stream. */
    public interface Opener {
        InputStream open() throws IOException;
    }

    public final String uri;
    public final long sizeBytes;
    public final long modifiedMillis;
    private final Opener opener;

    public RemoteFile(String uri, long sizeBytes, long modifiedMillis, Opener opener) {
        this.uri = uri;
        this.sizeBytes = sizeBytes;
        this.modifiedMillis = modifiedMillis;
        this.opener = opener;
    }

    public InputStream open() throws IOException {
        return opener.open();
    }
}
