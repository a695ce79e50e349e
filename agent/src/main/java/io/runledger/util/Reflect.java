package io.runledger.util;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads framework objects without linking against the framework: the agent's loader cannot see the
 * application's classes, and a renamed method in another version must only skip one detail. Every
 * call returns null instead of throwing. Call only side-effect-free methods through it.
 */
public final class Reflect {

    private static final Object MISSING = new Object();
    /**
     * Looked-up methods and fields (or MISSING) by name, per class: a ClassValue keeps them with the class
     * itself, so the cache never holds a framework's class loader alive and needs no identity-hash keys.
     */
    private static final ClassValue<Map<String, Object>> METHODS = new ClassValue<Map<String, Object>>() {
        @Override
        protected Map<String, Object> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };
    private static final ClassValue<Map<String, Object>> FIELDS = new ClassValue<Map<String, Object>>() {
        @Override
        protected Map<String, Object> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private Reflect() {
    }

    /** {@code target.name()}, or null. */
    public static Object call(Object target, String name) {
        if (target == null) {
            return null;
        }
        Class<?> type = target.getClass();
        Map<String, Object> methods = METHODS.get(type);
        Object m = methods.get(name);
        if (m == null) {
            m = remember(methods, name, find(type, name));
        }
        if (m == MISSING) {
            return null;
        }
        try {
            return ((Method) m).invoke(target);
        } catch (Throwable t) {
            return null;
        }
    }

    /** {@code target.name(arg)} for a method with one parameter of any type, or null. */
    public static Object call(Object target, String name, Object arg) {
        if (target == null) {
            return null;
        }
        Method m = oneArgument(target.getClass().getMethods(), name, arg);   // public ones, interface defaults included
        for (Class<?> c = target.getClass(); m == null && c != null; c = c.getSuperclass()) {
            m = oneArgument(c.getDeclaredMethods(), name, arg);
        }
        if (m == null) {
            return null;
        }
        try {
            m.setAccessible(true);
            return m.invoke(target, arg);
        } catch (Throwable t) {
            return null;
        }
    }

    private static Method oneArgument(Method[] methods, String name, Object arg) {
        for (Method m : methods) {
            if (m.getName().equals(name) && m.getParameterCount() == 1 && (arg == null || box(m.getParameterTypes()[0]).isInstance(arg))) {
                return m;
            }
        }
        return null;
    }

    /** A static no-argument method of a class loaded by {@code loader}, or null. */
    public static Object callStatic(ClassLoader loader, String className, String name) {
        try {
            Class<?> c = Class.forName(className, false, loader);
            Method m = c.getMethod(name);
            return m.invoke(null);
        } catch (Throwable t) {
            return null;
        }
    }

    /** The value of field {@code name} declared by the object's class or a superclass, or null. */
    public static Object field(Object target, String name) {
        if (target == null) {
            return null;
        }
        Class<?> type = target.getClass();
        Map<String, Object> fields = FIELDS.get(type);
        Object f = fields.get(name);
        if (f == null) {
            f = remember(fields, name, findField(type, name));
        }
        if (f == MISSING) {
            return null;
        }
        try {
            return ((Field) f).get(target);
        } catch (Throwable t) {
            return null;
        }
    }

    /** Answers of {@link #isA} per class and type name: asked at every fit call, and a miss walks the whole type tree. */
    private static final ClassValue<Map<String, Boolean>> KINDS = new ClassValue<Map<String, Boolean>>() {
        @Override
        protected Map<String, Boolean> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    /** True when {@code type} or a supertype or interface has the given name. */
    public static boolean isA(Object target, String typeName) {
        if (target == null) {
            return false;
        }
        Map<String, Boolean> kinds = KINDS.get(target.getClass());
        Boolean known = kinds.get(typeName);
        return known != null ? known : remember(kinds, typeName, isA(target.getClass(), typeName));
    }

    /*
     * The caches are read with get and filled with putIfAbsent rather than computeIfAbsent: a flattened
     * provenance asks them thousands of times in a short job, and computeIfAbsent (with a capturing lambda
     * each time) became hot enough to be compiled by C2 for the agent alone, where get already is for the JDK.
     */
    private static <V> V remember(Map<String, V> cache, String key, V value) {
        V earlier = cache.putIfAbsent(key, value);
        return earlier != null ? earlier : value;
    }

    private static boolean isA(Class<?> c, String typeName) {
        if (c == null) {
            return false;
        }
        if (c.getName().equals(typeName)) {
            return true;
        }
        for (Class<?> i : c.getInterfaces()) {
            if (isA(i, typeName)) {
                return true;
            }
        }
        return isA(c.getSuperclass(), typeName);
    }

    private static Object find(Class<?> type, String name) {
        // the public method first: most getters are, and walking up the declared ones costs an exception
        // (with its stack trace) at every class that does not declare it
        try {
            Method m = type.getMethod(name);
            m.setAccessible(true);
            return m;
        } catch (Throwable notPublic) {
            // a declared one further down (or the public ones cannot be listed: the declared walk decides)
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Method m = c.getDeclaredMethod(name);
                m.setAccessible(true);
                return m;
            } catch (NoSuchMethodException next) {
                // look further up
            } catch (Throwable t) {
                break;
            }
        }
        return MISSING;
    }

    private static Object findField(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException next) {
                // look further up
            } catch (Throwable t) {
                return MISSING;
            }
        }
        return MISSING;
    }

    private static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        if (c == int.class) {
            return Integer.class;
        }
        if (c == long.class) {
            return Long.class;
        }
        if (c == double.class) {
            return Double.class;
        }
        if (c == boolean.class) {
            return Boolean.class;
        }
        return Object.class;
    }
}
