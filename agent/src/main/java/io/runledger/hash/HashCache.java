package io.runledger.hash;

import io.runledger.util.Log;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Content hashes keyed by {@link FileStat}, persisted in the ledger directory as tab-separated lines
 * ({@code sha256 size mtimeNanos inode path}) so that an unchanged file is never hashed twice, across
 * runs and JVMs. New entries are appended under an exclusive lock; the last line for a path wins.
 */
public final class HashCache {

    private final Path file;
    private final Map<String, String[]> byPath = new ConcurrentHashMap<>();
    private final List<String> unsaved = new ArrayList<>();
    private volatile boolean loaded;

    public HashCache(Path file) {
        this.file = file;
    }

    /** The cached hash for exactly this stat, or null. */
    public String lookup(FileStat stat) {
        load();
        String[] entry = byPath.get(stat.path);
        if (entry != null && entry[1].equals(String.valueOf(stat.size)) && entry[2].equals(String.valueOf(stat.mtimeNanos))
                && entry[3].equals(stat.inode)) {
            return entry[0];
        }
        return null;
    }

    public void record(FileStat stat, String sha256) {
        if (stat.path.indexOf('\n') >= 0 || stat.path.indexOf('\t') >= 0) {
            return;
        }
        String[] entry = {sha256, String.valueOf(stat.size), String.valueOf(stat.mtimeNanos), stat.inode, stat.path};
        byPath.put(stat.path, entry);
        synchronized (unsaved) {
            unsaved.add(String.join("\t", entry));
        }
    }

    private void load() {
        if (loaded || file == null) {
            return;
        }
        synchronized (this) {
            if (loaded) {
                return;
            }
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    String[] entry = line.split("\t", 5);
                    if (entry.length == 5 && entry[0].length() == 64) {
                        byPath.put(entry[4], entry);
                    }
                }
            } catch (NoSuchFileException absent) {
                // first run in this directory
            } catch (IOException | RuntimeException e) {
                Log.warnOnce("hash-cache-read", "cannot read hash cache " + file + " (" + e + "); hashing afresh");
            }
            loaded = true;
        }
    }

    /** Appends the entries recorded since the last save; safe with other JVMs doing the same. */
    public void save() {
        List<String> lines;
        synchronized (unsaved) {
            if (unsaved.isEmpty() || file == null) {
                return;
            }
            lines = new ArrayList<>(unsaved);
            unsaved.clear();
        }
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                 FileLock ignored = ch.lock()) {
                ByteBuffer buffer = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
            }
        } catch (IOException | RuntimeException e) {
            Log.warnOnce("hash-cache-write", "cannot update hash cache " + file + " (" + e + ")");
        }
    }
}
