package io.runledger.collect;

import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds every code source (jar or class directory) a loaded class came from — class path entries,
 * plugin loaders and fat-jar launchers alike — by walking {@link Instrumentation#getAllLoadedClasses()}
 * when a snapshot is built. Nothing runs per class load, so the application pays nothing for it.
 * Locations seen once are kept, so a class unloaded between two scans is not forgotten.
 */
public final class CodeSourceRecorder {

    private final Instrumentation inst;
    private final Set<Path> locations = ConcurrentHashMap.newKeySet();

    public CodeSourceRecorder(Instrumentation inst) {
        this.inst = inst;
    }

    /** Scans the loaded classes (a few milliseconds for tens of thousands) and returns all locations seen so far. */
    public List<Path> locations() {
        Map<ProtectionDomain, Boolean> seen = new IdentityHashMap<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            try {
                ProtectionDomain domain = c.getClassLoader() == null ? null : c.getProtectionDomain();
                if (domain != null && seen.put(domain, Boolean.TRUE) == null) {
                    add(domain.getCodeSource());
                }
            } catch (RuntimeException | LinkageError ignored) {
                // one class less; the others still count
            }
        }
        List<Path> out = new ArrayList<>(locations);
        Collections.sort(out);
        return out;
    }

    private void add(CodeSource source) {
        URL url = source == null ? null : source.getLocation();
        if (url == null) {
            return;
        }
        try {
            if ("file".equals(url.getProtocol())) {
                locations.add(Paths.get(url.toURI()).toAbsolutePath().normalize());
            } else if ("jar".equals(url.getProtocol())) {
                String spec = url.getPath();   // file:/x/app.jar!/BOOT-INF/lib/y.jar!/
                int bang = spec.indexOf("!/");
                if (spec.startsWith("file:") && bang > 0) {
                    locations.add(Paths.get(new URL(spec.substring(0, bang)).toURI()).toAbsolutePath().normalize());
                }
            }
        } catch (URISyntaxException | java.net.MalformedURLException | RuntimeException ignored) {
            // not a local file
        }
    }
}
