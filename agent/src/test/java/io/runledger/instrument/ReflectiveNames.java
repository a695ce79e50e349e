package io.runledger.instrument;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The framework names a module reads by reflection, declared in {@code reflective-names.txt} beside its
 * classes: one framework class per line ({@code A|B} when it moved between versions: one of them must
 * exist) followed by the methods ({@code name}) and fields ({@code #name})
 * read from it. Two tests keep it honest, replacing what muzzle does for the OpenTelemetry agent: every
 * name the module's code passes to {@code Reflect} must be declared, and every declared name must exist
 * in each supported version of the framework, so a rename fails the build instead of silently reading null.
 */
final class ReflectiveNames {

    private final Map<String, List<String>> members;

    private ReflectiveNames(Map<String, List<String>> members) {
        this.members = members;
    }

    /** The declarations of module {@code name}; empty when it reads nothing by reflection. */
    static ReflectiveNames of(String module) throws IOException {
        String resource = "/io/runledger/instrument/" + module + "/reflective-names.txt";
        try (InputStream in = ReflectiveNames.class.getResourceAsStream(resource)) {
            return in == null ? new ReflectiveNames(Collections.emptyMap()) : parse(in);
        }
    }

    static ReflectiveNames parse(InputStream in) throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] words = trimmed.split("\\s+");
            List<String> names = new ArrayList<>();
            for (int i = 1; i < words.length; i++) {
                String word = words[i].startsWith("?") ? words[i].substring(1) : words[i];   // ?name: only in newer versions
                String kind = word.startsWith("#") ? "#" : "";
                for (String alternative : word.substring(kind.length()).split("\\|")) {   // #a|b: renamed between versions
                    names.add(kind + alternative);
                }
            }
            for (String alternative : words[0].split("\\|")) {   // A|B: the class moved between versions
                out.put(alternative, Collections.unmodifiableList(names));
            }
        }
        return new ReflectiveNames(Collections.unmodifiableMap(out));
    }

    /** Framework class name to the members read from it ({@code name} a method, {@code #name} a field). */
    public Map<String, List<String>> members() {
        return members;
    }

    /** True when some declared class has a method or field of this name. */
    public boolean declaresMember(String name) {
        for (List<String> names : members.values()) {
            if (names.contains(name) || names.contains("#" + name)) {
                return true;
            }
        }
        return false;
    }
}
