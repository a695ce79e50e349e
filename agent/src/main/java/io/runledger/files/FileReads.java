package io.runledger.files;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Tracks the files the application reads through the JDK, from premain on (a pipeline usually reads its
 * data before it trains). Opening a file that passes the {@link FileReadFilter} maps the stream or
 * channel object to the file's {@link PathReads}; every read then costs a striped map lookup and an
 * add. A file becomes a data source at its first actual read (opened-but-unread files are not sources)
 * and is reported to the listener, which hashes it in the background.
 *
 * <p>Streams are held weakly: a stream the application never closes is still collected (and its
 * descriptor released) exactly as without the agent. The agent's own threads are ignored.
 */
public final class FileReads {

    private static final int STRIPES = 16;

    /**
     * Whether a stream class keeps Object's identity {@code hashCode}/{@code equals}. The JDK's do; an
     * application subclass that overrides them is not tracked, so the maps never run application code.
     */
    private static final ClassValue<Boolean> IDENTITY = new ClassValue<Boolean>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("hashCode").getDeclaringClass() == Object.class
                        && type.getMethod("equals", Object.class).getDeclaringClass() == Object.class;
            } catch (NoSuchMethodException | SecurityException e) {
                return Boolean.FALSE;
            }
        }
    };

    private final FileReadFilter filter;
    private final long minSize;
    private final int maxFiles;
    /** Set once {@code maxFiles} distinct paths are tracked: later new paths are not. */
    private volatile boolean full;
    @SuppressWarnings("unchecked")
    private final Map<Object, PathReads>[] open = new Map[STRIPES];
    private final Map<String, PathReads> byPath = new ConcurrentHashMap<>();
    /** Paths opened for writing only: where a program may have put model bytes it got from a framework. */
    private final Set<String> writtenPaths = ConcurrentHashMap.newKeySet();
    private static final int MAX_WRITTEN = 4096;
    private final List<PathReads> read = new ArrayList<>();
    private volatile Consumer<PathReads> listener;
    /** Zero until the first tracked open: until then a read returns after one volatile read. */
    private volatile int tracked;

    public FileReads(FileReadFilter filter, long minSize) {
        this(filter, minSize, Integer.MAX_VALUE);
    }

    /**
     * {@code maxFiles} bounds the memory the tracker can take in a JVM that reads files for days (and
     * perhaps never trains): past it, new paths are not tracked and {@link #limitReached} says so.
     */
    public FileReads(FileReadFilter filter, long minSize, int maxFiles) {
        this.maxFiles = maxFiles;
        // loaded now, before the hooks go live: loading them from inside a hooked read would re-enter it
        PathReads.class.getName();
        this.filter = filter;
        this.minSize = minSize;
        for (int i = 0; i < STRIPES; i++) {
            open[i] = new WeakHashMap<>();
        }
    }

    /** The files opened for writing only (at most 4,096 paths), absolute. */
    public Set<String> writtenPaths() {
        return new java.util.TreeSet<>(writtenPaths);
    }

    /** The opening thread, once per open. */
    public void opened(Object stream, Object file, boolean readable) {
        if (stream == null || file == null || Thread.currentThread().getName().startsWith("runledger-")
                || !IDENTITY.get(stream.getClass())) {
            return;
        }
        String path = file instanceof File ? ((File) file).getPath() : file.toString();
        if (path.isEmpty()) {
            return;
        }
        String absolute = FileReadFilter.absolute(path);
        if (!filter.accepts(absolute)) {
            return;
        }
        if (!readable) {
            if (writtenPaths.size() < MAX_WRITTEN) {
                writtenPaths.add(absolute);
            }
            return;
        }
        PathReads reads = byPath.get(absolute);
        if (reads == null && byPath.size() >= maxFiles) {
            full = true;
            return;
        }
        if (reads == null) {   // no lambda here: this runs inside the JDK's I/O classes
            PathReads created = new PathReads(absolute);
            reads = byPath.putIfAbsent(absolute, created);
            reads = reads == null ? created : reads;
        }
        Map<Object, PathReads> stripe = open[stripe(stream)];
        synchronized (stripe) {
            stripe.put(stream, reads);
        }
        tracked = 1;
    }

    /** The hot path: every read of any JDK file stream or channel. */
    public void read(Object stream, long bytes) {
        if (tracked == 0 || !IDENTITY.get(stream.getClass())) {
            return;
        }
        Map<Object, PathReads> stripe = open[stripe(stream)];
        PathReads reads;
        synchronized (stripe) {
            reads = stripe.get(stream);
        }
        if (reads != null && reads.add(bytes)) {
            firstRead(reads);
        }
    }

    private static int stripe(Object stream) {
        return System.identityHashCode(stream) & (STRIPES - 1);
    }

    /** Once per file: keeps it if it is big enough (one stat) and tells the listener. */
    private void firstRead(PathReads reads) {
        // a file something was read from has at least one byte: only a larger minimum needs a stat
        if (minSize > 1 && new File(reads.path).length() < minSize) {
            return;
        }
        Consumer<PathReads> l;
        synchronized (read) {
            read.add(reads);
            l = listener;
        }
        if (l != null) {
            l.accept(reads);
        }
    }

    /** True once {@code maxFiles} distinct files were tracked and later ones were left out. */
    public boolean limitReached() {
        return full;
    }

    public int maxFiles() {
        return maxFiles;
    }

    /** Sets who hears of each newly read file, and replays the files read so far. */
    public void listen(Consumer<PathReads> newListener) {
        List<PathReads> sofar;
        synchronized (read) {
            listener = newListener;
            sofar = new ArrayList<>(read);
        }
        for (PathReads r : sofar) {
            newListener.accept(r);
        }
    }
}
