package io.runledger.agent;

import io.runledger.hash.HashEngine;
import io.runledger.util.Hex;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A model a framework handed the program as bytes ({@code Booster.toByteArray()}) rather than writing it
 * itself. Only its length and SHA-256 are kept; when the run ends, a file the run opened for writing with
 * that length and that hash is the model's file, an artifact of the training that made it. Bytes never
 * written to a file (sent elsewhere, kept in memory) leave nothing.
 */
final class ModelBytes {

    /** At most this many distinct byte models are remembered (a loop that serializes every round). */
    static final int MAX = 64;

    private static final class Made {
        final String framework;
        final Integer training;
        final long length;
        final String sha256;

        Made(String framework, Integer training, long length, String sha256) {
            this.framework = framework;
            this.training = training;
            this.length = length;
            this.sha256 = sha256;
        }
    }

    private final List<Made> made = new ArrayList<>();

    /** On the program's thread: one SHA-256 over bytes it already holds. */
    void made(String framework, Integer training, byte[] bytes) {
        String sha256 = Hex.sha256(bytes);
        synchronized (this) {
            for (Made m : made) {
                if (m.sha256.equals(sha256)) {
                    return;
                }
            }
            if (made.size() < MAX) {
                made.add(new Made(framework, training, bytes.length, sha256));
            }
        }
    }

    /** The files among {@code written} (paths the run opened for writing) that hold one of the models. */
    List<FileRecord> files(Collection<String> written) {
        List<Made> models;
        synchronized (this) {
            models = new ArrayList<>(made);
        }
        List<FileRecord> out = new ArrayList<>();
        if (models.isEmpty()) {
            return out;
        }
        for (String name : written) {
            Path path = Paths.get(name);
            try {
                BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String sha256 = null;
                for (Made m : models) {
                    if (!a.isRegularFile() || a.size() != m.length) {
                        continue;
                    }
                    if (sha256 == null) {
                        sha256 = HashEngine.sha256Now(path);   // only files of a model's exact length are read
                    }
                    if (sha256.equals(m.sha256)) {
                        out.add(new FileRecord(path, "model", m.framework, m.training, null));
                        break;
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // removed or replaced since: not the model's file any more
            }
        }
        return out;
    }
}
