package io.runledger.files;

import io.runledger.snapshot.DataSource;
import io.runledger.util.Hex;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds the files read one by one from the same directory into one directory source, so a run over
 * 10,000 images lists one source, not 10,000. Its {@code sha256} is the SHA-256 of the sorted lines
 * {@code relative-path TAB size TAB sha256 LF} of its files (none while any file's hash is missing), so
 * it changes when any file is added, removed, renamed or changed.
 */
public final class DirectorySources {

    private DirectorySources() {
    }

    /** {@code sources} with each directory from which at least {@code threshold} files were read through the JDK folded. */
    public static List<DataSource> group(List<DataSource> sources, int threshold) {
        Map<Path, List<DataSource>> byDirectory = new LinkedHashMap<>();
        for (DataSource s : sources) {
            Path file = jdkFile(s);
            if (file != null && file.getParent() != null) {
                byDirectory.computeIfAbsent(file.getParent(), d -> new ArrayList<>()).add(s);
            }
        }
        List<DataSource> out = new ArrayList<>();
        for (DataSource s : sources) {
            Path file = jdkFile(s);
            List<DataSource> siblings = file == null ? null : byDirectory.get(file.getParent());
            if (siblings == null || siblings.size() < threshold) {
                out.add(s);
            } else if (siblings.get(0) == s) {
                out.add(directory(file.getParent(), siblings));
            }
        }
        return out;
    }

    private static Path jdkFile(DataSource s) {
        if (!"file".equals(s.kind) || s.details == null || !"jdk".equals(s.details.get("readBy"))) {
            return null;
        }
        try {
            return Paths.get(URI.create(s.uri));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static DataSource directory(Path dir, List<DataSource> files) {
        TreeMap<String, DataSource> sorted = new TreeMap<>();
        for (DataSource f : files) {
            sorted.put(dir.relativize(Paths.get(URI.create(f.uri))).toString(), f);
        }
        MessageDigest digest = Hex.sha256();
        boolean complete = true;
        long size = 0;
        long bytesRead = 0;
        String modified = null;
        String first = null;
        String last = null;
        for (Map.Entry<String, DataSource> e : sorted.entrySet()) {
            DataSource f = e.getValue();
            complete &= f.sha256 != null && f.sizeBytes != null;
            size += f.sizeBytes == null ? 0 : f.sizeBytes;
            digest.update((e.getKey() + "\t" + f.sizeBytes + "\t" + f.sha256 + "\n").getBytes(StandardCharsets.UTF_8));
            modified = max(modified, f.modifiedAt);
            Object read = f.details.get("bytesRead");
            bytesRead += read instanceof Number ? ((Number) read).longValue() : 0;
            first = min(first, (String) f.details.get("firstReadAt"));
            last = max(last, (String) f.details.get("lastReadAt"));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("readBy", "jdk");
        details.put("files", files.size());
        details.put("bytesRead", bytesRead);
        details.put("firstReadAt", first);
        details.put("lastReadAt", last);
        details.put("hashOf", "sorted lines: relative path, size, sha256");
        if (!complete) {
            details.put("hashStatus", "INCOMPLETE");
        }
        String uri = dir.toUri().toString();   // with a trailing slash even if the directory is gone by now
        return new DataSource("directory", uri.endsWith("/") ? uri : uri + "/", size, modified, complete ? Hex.of(digest.digest()) : null, null,
                Collections.unmodifiableMap(details));
    }

    private static String max(String a, String b) {
        return b == null || "null".equals(b) ? a : a == null || java.time.Instant.parse(b).isAfter(java.time.Instant.parse(a)) ? b : a;
    }

    private static String min(String a, String b) {
        return b == null || "null".equals(b) ? a : a == null || java.time.Instant.parse(b).isBefore(java.time.Instant.parse(a)) ? b : a;
    }
}
