package io.runledger.files;

import io.runledger.hash.DirectoryDigest;
import io.runledger.snapshot.DataSource;
import io.runledger.snapshot.SourceKind;
import io.runledger.util.Hex;

import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.time.Instant;
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
        Path[] files = new Path[sources.size()];
        Map<Path, List<Integer>> byDirectory = new LinkedHashMap<>();
        for (int i = 0; i < files.length; i++) {
            files[i] = jdkFile(sources.get(i));
            if (files[i] != null && files[i].getParent() != null) {
                byDirectory.computeIfAbsent(files[i].getParent(), d -> new ArrayList<>()).add(i);
            }
        }
        List<DataSource> out = new ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            List<Integer> siblings = files[i] == null ? null : byDirectory.get(files[i].getParent());
            if (siblings == null || siblings.size() < threshold) {
                out.add(sources.get(i));
            } else if (siblings.get(0) == i) {
                TreeMap<String, DataSource> sorted = new TreeMap<>();
                for (int j : siblings) {
                    sorted.put(files[i].getParent().relativize(files[j]).toString(), sources.get(j));
                }
                out.add(directory(files[i].getParent(), sorted));
            }
        }
        return out;
    }

    private static Path jdkFile(DataSource s) {
        if (s.kind != SourceKind.FILE || s.details == null || !"jdk".equals(s.details.get("readBy"))) {
            return null;
        }
        try {
            return Paths.get(URI.create(s.uri));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code sorted}: the directory's files by relative path. */
    private static DataSource directory(Path dir, TreeMap<String, DataSource> sorted) {
        MessageDigest digest = Hex.sha256();
        boolean complete = true;
        long size = 0;
        long bytesRead = 0;
        Instant modified = null;
        Instant first = null;
        Instant last = null;
        for (Map.Entry<String, DataSource> e : sorted.entrySet()) {
            DataSource f = e.getValue();
            complete &= f.sha256 != null && f.sizeBytes != null;
            size += f.sizeBytes == null ? 0 : f.sizeBytes;
            digest.update(DirectoryDigest.line(e.getKey(), f.sizeBytes, f.sha256));
            modified = latest(modified, f.modifiedAt);
            Object read = f.details.get("bytesRead");
            bytesRead += read instanceof Number ? ((Number) read).longValue() : 0;
            first = earliest(first, f.details.get("firstReadAt"));
            last = latest(last, f.details.get("lastReadAt"));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("readBy", "jdk");
        details.put("files", sorted.size());
        details.put("bytesRead", bytesRead);
        details.put("firstReadAt", first == null ? null : first.toString());
        details.put("lastReadAt", last == null ? null : last.toString());
        details.put("hashOf", "sorted lines: relative path, size, sha256");
        if (!complete) {
            details.put("hashStatus", "INCOMPLETE");
        }
        String uri = dir.toUri().toString();   // with a trailing slash even if the directory is gone by now
        return new DataSource(SourceKind.DIRECTORY, uri.endsWith("/") ? uri : uri + "/", size, modified == null ? null : modified.toString(),
                complete ? Hex.of(digest.digest()) : null, null, Collections.unmodifiableMap(details));
    }

    private static Instant parse(Object text) {
        try {
            return text == null ? null : Instant.parse(text.toString());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Instant latest(Instant current, Object text) {
        Instant t = parse(text);
        return t == null || current != null && !t.isAfter(current) ? current : t;
    }

    private static Instant earliest(Instant current, Object text) {
        Instant t = parse(text);
        return t == null || current != null && !t.isBefore(current) ? current : t;
    }
}
