package io.runledger.files;

import io.runledger.redact.CredentialFiles;

import java.io.File;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides, when a file is opened, whether it can be a data source: never the JVM's own files (JDK,
 * class path, module path, the agent jar), code (jars, class files, native libraries), credential files
 * ({@link CredentialFiles}), the ledger's, a processing engine's scratch files (Spark's block manager and
 * work directories), or anything under /proc, /sys, /dev and /etc (the system's configuration); then
 * the user's include and exclude globs. Runs on the opening thread, once per open: string prefix checks
 * first, globs only for what is left.
 */
public final class FileReadFilter {

    private final List<String> excludedPrefixes = new ArrayList<>();
    private final Set<String> excludedFiles = new HashSet<>();
    private List<PathMatcher> include;
    private List<PathMatcher> exclude;
    private final List<String> includeGlobs;
    private final List<String> excludeGlobs;
    private final List<Path> ownFiles;
    private final List<Path> ownDirectories;
    private volatile boolean built;

    /**
     * {@code ownFiles}: the agent's jar; {@code ownDirectories}: ledger and cache directories, which may not
     * exist yet. Cheap: the class path is looked at on the first open, not in premain.
     */
    public FileReadFilter(List<String> includeGlobs, List<String> excludeGlobs, List<Path> ownFiles, List<Path> ownDirectories) {
        this.includeGlobs = includeGlobs;
        this.excludeGlobs = excludeGlobs;
        this.ownFiles = ownFiles;
        this.ownDirectories = ownDirectories;
    }

    private synchronized void build() {
        if (built) {
            return;
        }
        for (String fixed : new String[] {"/proc/", "/sys/", "/dev/", "/etc/"}) {
            excludedPrefixes.add(fixed);
        }
        addDirectory(System.getProperty("java.home"));
        for (String key : new String[] {"java.class.path", "jdk.module.path", "jdk.module.upgrade.path"}) {
            String value = System.getProperty(key);
            if (value != null) {
                for (String entry : value.split(File.pathSeparator)) {
                    if (!entry.isEmpty()) {
                        addEntry(entry);
                    }
                }
            }
        }
        for (String key : JDK_CONFIGURATION) {
            String file = configurationFile(System.getProperty(key));
            if (file != null) {
                excludedFiles.add(absolute(file));
            }
        }
        for (Path own : ownFiles) {
            excludedFiles.add(absolute(own.toString()));
        }
        for (Path own : ownDirectories) {
            addDirectory(own.toString());
        }
        include = matchers(includeGlobs);
        exclude = matchers(excludeGlobs);
        built = true;
    }

    /**
     * System properties that name a file the JDK itself reads (security properties, which can hold a
     * JEP 290 {@code jdk.serialFilter}; policy; JAAS and Kerberos configuration; logging configuration;
     * trust and key stores): the JVM's configuration, never training data, wherever the file lives.
     */
    static final List<String> JDK_CONFIGURATION = Collections.unmodifiableList(java.util.Arrays.asList(
            "java.security.properties", "java.security.policy", "java.security.auth.login.config", "java.security.krb5.conf",
            "java.util.logging.config.file", "javax.net.ssl.trustStore", "javax.net.ssl.keyStore", "jdk.serialFilter"));

    /** The file a configuration property names: {@code ==file} and {@code =file} mean the same file; a value that is no path is null. */
    static String configurationFile(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        while (v.startsWith("=")) {
            v = v.substring(1);
        }
        if (v.startsWith("file:")) {
            v = v.substring("file:".length());
        }
        if (v.isEmpty() || v.equals("NONE") || v.contains(";") || !new File(v).isFile()) {
            return null;   // e.g. a serial filter pattern, or the PKCS#11 "NONE" key store
        }
        return v;
    }

    private static List<PathMatcher> matchers(List<String> globs) {
        List<PathMatcher> out = new ArrayList<>();
        for (String g : globs) {
            out.add(FileSystems.getDefault().getPathMatcher("glob:" + g));
        }
        return Collections.unmodifiableList(out);
    }

    /** A class-path entry: a jar (excluded itself) or a directory (everything under it). */
    private void addEntry(String entry) {
        String absolute = absolute(entry);
        if (new File(absolute).isDirectory()) {
            addDirectory(absolute);
        } else {
            excludedFiles.add(absolute);
        }
    }

    private void addDirectory(String dir) {
        if (dir != null && !dir.isEmpty()) {
            String absolute = absolute(dir);
            excludedPrefixes.add(absolute.endsWith(File.separator) ? absolute : absolute + File.separator);
        }
    }

    /**
     * Jars, class files and jmods are code, read by class loaders (a plugin loader, a build tool), not
     * training data; the classes actually loaded from them are recorded under dependencies.
     */
    private static boolean isCode(String path) {
        return path.endsWith(".jar") || path.endsWith(".class") || path.endsWith(".jmod") || isNativeLibrary(path);
    }

    /** Native libraries (often extracted to a temp directory by a library's loader: snappy, zstd, JNA) are code too. */
    private static boolean isNativeLibrary(String path) {
        return path.endsWith(".so") || path.contains(".so.") && path.lastIndexOf('/') < path.lastIndexOf(".so.")
                || path.endsWith(".dll") || path.endsWith(".dylib") || path.endsWith(".jnilib");
    }

    /**
     * A processing engine's own scratch files, wherever its local directories are: Spark's block manager
     * (shuffle, spill, broadcast and cached blocks under {@code blockmgr-*}) and its {@code spark-<uuid>}
     * working directories. They hold intermediate state, never a training's input.
     */
    static boolean isEngineScratch(String path) {
        if (path.contains("/blockmgr-")) {
            return true;
        }
        int at = path.indexOf("/spark-");
        while (at >= 0) {
            if (path.length() > at + 16 && path.charAt(at + 15) == '-' && isHex(path, at + 7, at + 15)) {
                return true;   // /spark-1b4e28ba-2fa1-11d2-883f-… (a UUID-named directory)
            }
            at = path.indexOf("/spark-", at + 1);
        }
        return false;
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The absolute, normalised form of {@code path} (relative paths resolve against user.dir, as the JDK does). */
    public static String absolute(String path) {
        return Paths.get(path).toAbsolutePath().normalize().toString();
    }

    /** True if a file at this absolute path may be recorded. */
    public boolean accepts(String absolutePath) {
        if (!built) {
            build();
        }
        if (isCode(absolutePath) || CredentialFiles.isCredential(absolutePath) || isEngineScratch(absolutePath)) {
            return false;
        }
        if (excludedFiles.contains(absolutePath)) {
            return false;
        }
        for (String prefix : excludedPrefixes) {
            if (absolutePath.startsWith(prefix)) {
                return false;
            }
        }
        if (include.isEmpty() && exclude.isEmpty()) {
            return true;
        }
        Path p = Paths.get(absolutePath);
        for (PathMatcher m : exclude) {
            if (m.matches(p)) {
                return false;
            }
        }
        if (include.isEmpty()) {
            return true;
        }
        for (PathMatcher m : include) {
            if (m.matches(p)) {
                return true;
            }
        }
        return false;
    }
}
