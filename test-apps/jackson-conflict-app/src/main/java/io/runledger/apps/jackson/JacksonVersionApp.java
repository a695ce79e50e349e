package io.runledger.apps.jackson;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** Uses the Jackson it bundles (2.12.x) and prints which version it got and where it came from. */
public final class JacksonVersionApp {

    public static void main(String[] args) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("model", "demo");
        doc.put("epochs", 3);
        System.out.println("jackson " + mapper.version().toString());
        System.out.println("from " + ObjectMapper.class.getProtectionDomain().getCodeSource().getLocation());
        System.out.println("json " + mapper.writeValueAsString(doc));
    }
}
