package io.runledger.instrument;

import java.io.File;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the agent's class caches from growing without end. Every agent build, and for a module keyed by
 * class path every rebuilt application jar, starts a new set of files ({@link WovenClassCache},
 * {@link PatchCache}); nothing else ever removes the old ones. A sweep runs when a cache has just written
 * something new (a start that wove or patched, never a warm one) and removes:
 * <ul>
 *   <li>a woven-class index no start has opened for {@link #UNUSED_DAYS} days (an index in use is touched
 *       once a day when opened), with the class files of its build;</li>
 *   <li>a woven class file whose build has no index any more, and a leftover temp file, a day old or more
 *       (younger ones may belong to a JVM that is still running);</li>
 *   <li>a JDK patch of another agent build, unchanged for {@link #UNUSED_DAYS} days.</li>
 * </ul>
 * A file removed too eagerly costs one start that weaves or patches again, never a wrong class.
 */
final class CacheSweep {

    static final long UNUSED_DAYS = 30;
    private static final long DAY = TimeUnit.DAYS.toMillis(1);

    private CacheSweep() {
    }

    /** Marks {@code index} as used today (one write a day at most), so that no sweep takes it. */
    static void touch(File index, long now) {
        long modified = index.lastModified();
        if (modified > 0 && modified < now - DAY) {
            index.setLastModified(now);
        }
    }

    /** Sweeps the woven-class directory {@code dir}, whose current build is {@code build}. */
    static void wovenClasses(File dir, String build, long now) {
        File[] files = dir.listFiles();
        if (files == null) {
            return;
        }
        Set<String> liveBuilds = new HashSet<>();
        liveBuilds.add(build);
        for (File f : files) {
            String name = f.getName();
            if (name.endsWith(".idx")) {
                if (f.lastModified() < now - UNUSED_DAYS * DAY && !name.endsWith("-" + build + ".idx")) {
                    f.delete();
                } else if (name.indexOf('-') > 0) {
                    liveBuilds.add(name.substring(name.indexOf('-') + 1, name.length() - ".idx".length()));
                }
            }
        }
        for (File f : files) {   // the name first: a file's time is read only when its name makes it a candidate
            String name = f.getName();
            if ((name.endsWith(".tmp") || name.endsWith(".class") && !liveBuilds.contains(classFileBuild(name)))
                    && f.lastModified() < now - DAY) {
                f.delete();
            }
        }
    }

    /** Sweeps the JDK patch directory {@code dir}, whose current agent build is {@code agentBuild}. */
    static void jdkPatches(File dir, String agentBuild, long now) {
        File[] files = dir.listFiles();
        if (files == null) {
            return;
        }
        for (File f : files) {
            String name = f.getName();
            if ((name.endsWith(".tmp") || name.endsWith(".class") && !agentBuild.equals(classFileBuild(name)))
                    && f.lastModified() < now - UNUSED_DAYS * DAY) {
                f.delete();
            }
        }
    }

    /**
     * The build part of a cached class file's name, {@code <class>-<length>-<crc>-<build>.class} (a binary
     * class name has no hyphen; a build may have several), or null when the name is not of that form.
     */
    static String classFileBuild(String name) {
        String stem = name.substring(0, name.length() - ".class".length());
        int first = stem.indexOf('-');
        int second = first < 0 ? -1 : stem.indexOf('-', first + 1);
        int third = second < 0 ? -1 : stem.indexOf('-', second + 1);
        return third < 0 ? null : stem.substring(third + 1);
    }
}
