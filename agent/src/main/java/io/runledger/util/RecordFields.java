package io.runledger.util;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The components of a Java record (Java 16+) by name, read from its fields rather than its accessors, so
 * no code of the record's library runs. The agent is built for Java 11, so the record API is found by name;
 * on an older JVM nothing is a record.
 */
public final class RecordFields {

    private static final Method COMPONENTS = jdkMethod("java.lang.Class", "getRecordComponents");
    private static final Method NAME = jdkMethod("java.lang.reflect.RecordComponent", "getName");

    private RecordFields() {
    }

    public static boolean isRecord(Object value) {
        return value != null && value.getClass().getSuperclass() != null && value.getClass().getSuperclass().getName().equals("java.lang.Record");
    }

    /** Component name → value in declaration order; empty when {@code record} is not a record. */
    public static Map<String, Object> of(Object record) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!isRecord(record) || COMPONENTS == null || NAME == null) {
            return out;
        }
        try {
            for (Object component : (Object[]) COMPONENTS.invoke(record.getClass())) {
                String name = (String) NAME.invoke(component);
                out.put(name, Reflect.field(record, name));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            out.clear();
        }
        return out;
    }

    private static Method jdkMethod(String type, String name) {
        try {
            return Class.forName(type).getMethod(name);
        } catch (ReflectiveOperationException | RuntimeException beforeJava16) {
            return null;
        }
    }
}
