package io.runledger.collect;

import io.runledger.hash.FileHash;
import io.runledger.hash.HashEngine;
import io.runledger.snapshot.Dependency;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import io.runledger.util.Pending;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Every jar the run's code came from: the class path, plus every code source a class was actually loaded
 * from ({@link CodeSourceRecorder}). Each jar is named by its Maven coordinates (from
 * {@code META-INF/maven/.../pom.properties}, else the manifest) and hashed by the shared engine.
 */
public final class DependencyCollector {

    /** A jar's identity, read once per JVM. */
    static final class Coordinates {
        final String group;
        final String artifact;
        final String version;

        Coordinates(String group, String artifact, String version) {
            this.group = group;
            this.artifact = artifact;
            this.version = version;
        }
    }

    private static final Coordinates UNKNOWN = new Coordinates(null, null, null);

    private final HashEngine hashes;
    private final Path agentJar;
    private final Map<Path, Coordinates> coordinates = new ConcurrentHashMap<>();
    private final Map<Path, Pending<FileHash>> hashing = new ConcurrentHashMap<>();

    public DependencyCollector(HashEngine hashes, Path agentJar) {
        this.hashes = hashes;
        this.agentJar = agentJar == null ? null : agentJar.toAbsolutePath().normalize();
    }

    /** The class path entries, in order. */
    public static List<Path> classPath() {
        List<Path> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                out.add(Paths.get(entry).toAbsolutePath().normalize());
            }
        }
        return out;
    }

    /** Starts hashing (idempotent); cheap to call again with more paths. */
    public void prepare(Iterable<Path> paths) {
        for (Path p : paths) {
            if (Files.isRegularFile(p) && !p.equals(agentJar)) {
                hashing.computeIfAbsent(p, hashes::hash);
            }
        }
    }

    /**
     * The dependency list for {@code classPath} and {@code loaded} (runtime code sources); entries whose
     * hash is not ready yet carry a null sha256 and make {@code pendingOut} true.
     */
    public List<Dependency> collect(List<Path> classPath, Iterable<Path> loaded, boolean[] pendingOut) {
        Map<Path, String> origins = new LinkedHashMap<>();
        for (Path p : classPath) {
            origins.putIfAbsent(p, "classpath");
        }
        for (Path p : loaded) {
            origins.putIfAbsent(p, "runtime");
        }
        prepare(origins.keySet());
        List<Dependency> out = new ArrayList<>();
        for (Map.Entry<Path, String> e : origins.entrySet()) {
            Path p = e.getKey();
            if (p.equals(agentJar) || !Files.exists(p)) {
                continue;
            }
            if (Files.isDirectory(p)) {
                out.add(new Dependency(p.getFileName() == null ? p.toString() : p.getFileName().toString(), p.toString(),
                        e.getValue(), null, null, null, null, null));
                continue;
            }
            Coordinates c = coordinates.computeIfAbsent(p, DependencyCollector::identify);
            Pending<FileHash> f = hashing.get(p);
            FileHash h = f != null && f.isDone() ? f.join() : null;
            if (h == null) {
                pendingOut[0] = true;
            }
            Long size = null;
            try {
                size = Files.size(p);
            } catch (IOException ignored) {
                // left null
            }
            out.add(new Dependency(p.getFileName().toString(), p.toString(), e.getValue(), c.group, c.artifact, c.version,
                    size, h == null ? null : h.sha256));
        }
        return out;
    }

    /** Waits until every started hash is done or {@code deadlineNanos} passes. */
    public void awaitHashes(long deadlineNanos) {
        for (Pending<FileHash> f : hashing.values()) {
            if (!f.await(deadlineNanos)) {
                return;   // reported as pending
            }
        }
    }

    /** The Maven version of the jar {@code type} was loaded from, or null. */
    public static String versionOf(Class<?> type) {
        try {
            java.security.CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return null;
            }
            return identify(Paths.get(source.getLocation().toURI())).version;
        } catch (Exception | LinkageError e) {
            return null;
        }
    }

    /**
     * The coordinates of a jar in a Maven repository ({@code .../group/artifact/version/artifact-version*.jar}),
     * read from the {@code pom.properties} its path names, found by name: listing every entry of every jar
     * (thousands in a DL4J class path) was most of the dependency section's cost. Null when the path is
     * not of that shape or names no such entry; the jar is then searched.
     */
    static Coordinates fromRepositoryLayout(JarFile file, Path jar) throws IOException {
        Path versionDir = jar.getParent();
        Path artifactDir = versionDir == null ? null : versionDir.getParent();
        if (artifactDir == null || artifactDir.getFileName() == null) {
            return null;
        }
        String artifact = artifactDir.getFileName().toString();
        if (!jar.getFileName().toString().startsWith(artifact + "-" + versionDir.getFileName())) {
            return null;
        }
        String group = "";
        Path dir = artifactDir.getParent();
        for (int depth = 0; depth < 8 && dir != null && dir.getFileName() != null; depth++, dir = dir.getParent()) {
            group = dir.getFileName() + (group.isEmpty() ? "" : "." + group);
            JarEntry entry = file.getJarEntry("META-INF/maven/" + group + "/" + artifact + "/pom.properties");
            if (entry != null) {
                return pomCoordinates(file, entry);
            }
        }
        return null;
    }

    private static Coordinates identify(Path jar) {
        String name = jar.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".jar") && !name.endsWith(".zip")) {
            return UNKNOWN;
        }
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Coordinates named = fromRepositoryLayout(file, jar);
            return named != null ? named : searched(file, name);
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    private static Coordinates pomCoordinates(JarFile file, JarEntry pomProperties) throws IOException {
        Properties p = new Properties();
        try (InputStream in = file.getInputStream(pomProperties)) {
            p.load(in);
        }
        return new Coordinates(p.getProperty("groupId"), p.getProperty("artifactId"), p.getProperty("version"));
    }

    /** The coordinates a jar's {@code pom.properties} or manifest give, every entry looked at. */
    static Coordinates searched(JarFile file, String name) throws IOException {
        Coordinates best = null;
        Enumeration<JarEntry> entries = file.entries();
        while (entries.hasMoreElements()) {
            JarEntry entry = entries.nextElement();
            String n = entry.getName();
            if (n.startsWith("META-INF/maven/") && n.endsWith("/pom.properties")) {
                Coordinates c = pomCoordinates(file, entry);
                // a shaded jar holds several: prefer the one the file is named after
                if (best == null || c.artifact != null && name.startsWith(c.artifact.toLowerCase(Locale.ROOT))) {
                    best = c;
                }
            }
        }
        if (best != null) {
            return best;
        }
        Manifest m = file.getManifest();
        if (m != null) {
            Attributes a = m.getMainAttributes();
            String title = first(a.getValue("Bundle-SymbolicName"), a.getValue("Implementation-Title"), a.getValue("Automatic-Module-Name"));
            String version = first(a.getValue("Bundle-Version"), a.getValue("Implementation-Version"));
            if (title != null || version != null) {
                return new Coordinates(a.getValue("Implementation-Vendor-Id"), title == null ? null : title.split(";")[0].trim(), version);
            }
        }
        return UNKNOWN;
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.trim().isEmpty()) {
                return v.trim();
            }
        }
        return null;
    }
}
