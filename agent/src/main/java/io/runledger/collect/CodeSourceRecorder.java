package io.runledger.collect;

import java.lang.instrument.ClassFileTransformer;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Notes every code source (jar or class directory) a class is loaded from at run time: class path
 * entries, plugin loaders, fat-jar launchers alike. Per class it costs one identity-map lookup on the
 * {@link CodeSource}; it never changes a class.
 */
public final class CodeSourceRecorder implements ClassFileTransformer {

    private final Map<CodeSource, Boolean> seen = Collections.synchronizedMap(new java.util.IdentityHashMap<>());
    private final Set<Path> locations = ConcurrentHashMap.newKeySet();

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        try {
            if (domain == null || loader == null) {
                return null;
            }
            CodeSource source = domain.getCodeSource();
            if (source == null || seen.putIfAbsent(source, Boolean.TRUE) != null) {
                return null;
            }
            URL url = source.getLocation();
            if (url != null && "file".equals(url.getProtocol())) {
                locations.add(Paths.get(url.toURI()).toAbsolutePath().normalize());
            } else if (url != null && "jar".equals(url.getProtocol())) {
                String spec = url.getPath();   // file:/x/app.jar!/BOOT-INF/lib/y.jar!/
                int bang = spec.indexOf("!/");
                if (spec.startsWith("file:") && bang > 0) {
                    locations.add(Paths.get(new URL(spec.substring(0, bang)).toURI()).toAbsolutePath().normalize());
                }
            }
        } catch (URISyntaxException | java.net.MalformedURLException | RuntimeException ignored) {
            // one location less; the class loads exactly as before
        }
        return null;
    }

    public List<Path> locations() {
        List<Path> out = new ArrayList<>(locations);
        Collections.sort(out);
        return out;
    }
}
