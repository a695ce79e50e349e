package io.runledger.util;


import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the file under an output stream chain: ObjectOutputStream → its block stream → filter streams →
 * a FileOutputStream ({@code path}) or a channel stream from {@code Files.newOutputStream} (whose shape
 * differs between JDK versions) → its
 * FileChannel ({@code path}). Needs those JDK packages opened to the agent (the bootstrap injector does).
 */
public final class JavaStreams {

    private JavaStreams() {
    }

    public static Path fileOf(Object stream) {
        Object s = stream;
        for (int depth = 0; s != null && depth < 8; depth++) {
            if (s instanceof java.io.FileOutputStream || s instanceof java.nio.channels.FileChannel) {
                Object path = Reflect.field(s, "path");
                return path instanceof String ? Paths.get((String) path).toAbsolutePath().normalize() : null;
            }
            Object next = Reflect.field(s, "bout");
            if (next == null) {
                next = Reflect.field(s, "out");
            }
            if (next == null) {
                next = Reflect.field(s, "ch");   // JDK 21+: sun.nio.ch.ChannelOutputStream
            }
            s = next != null ? next : Reflect.field(s, "val$ch");   // JDK 11-17: the anonymous stream in Channels
        }
        return null;
    }
}
