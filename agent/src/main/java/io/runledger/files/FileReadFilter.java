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
 * class path, module path, the agent jar), code (jars, class files), credential files ({@link CredentialFiles}),
 * the ledger's, or anything under
 * /proc, /sys and /dev; then
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
        for (String fixed : new String[] {"/proc/", "/sys/", "/dev/"}) {
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
        return path.endsWith(".jar") || path.endsWith(".class") || path.endsWith(".jmod");
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
        if (isCode(absolutePath) || CredentialFiles.isCredential(absolutePath)) {
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
