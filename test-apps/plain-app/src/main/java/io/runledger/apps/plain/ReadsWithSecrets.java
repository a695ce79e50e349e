package io.runledger.apps.plain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A job as they are really launched: secrets in its arguments, environment and system properties, and a
 * credential file read next to its data. Reads every argument that names a file; ignores the others.
 */
public final class ReadsWithSecrets {

    public static void main(String[] args) throws IOException {
        long bytes = 0;
        int files = 0;
        for (String a : args) {
            Path p = Paths.get(a);
            if (!a.startsWith("-") && Files.isRegularFile(p)) {
                bytes += Files.readAllBytes(p).length;
                files++;
            }
        }
        System.out.println("read " + files + " files, " + bytes + " bytes");
    }
}
