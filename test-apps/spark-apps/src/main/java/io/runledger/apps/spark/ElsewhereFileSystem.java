package io.runledger.apps.spark;

import org.apache.hadoop.fs.RawLocalFileSystem;

import java.net.URI;

/**
 * Local files under another scheme, {@code elsewhere:///path}: to the JDK and to the agent a file system
 * it cannot open itself (as HDFS or S3 would be), to Hadoop and Spark an ordinary file system. The test
 * app registers it as {@code fs.elsewhere.impl}; Spark lists and reads files through it.
 */
public final class ElsewhereFileSystem extends RawLocalFileSystem {

    private static final URI NAME = URI.create("elsewhere:///");

    @Override
    public URI getUri() {
        return NAME;
    }

    @Override
    public String getScheme() {
        return "elsewhere";
    }
}
