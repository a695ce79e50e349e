package io.runledger.util;

import com.fasterxml.jackson.core.JsonFactory;

/**
 * The one jackson-core factory of the training JVM's JSON (snapshots, ledger lines, values read back).
 * Its callers write and read bytes only, so one generator class and one parser class load, and field
 * names are not interned: Jackson's intern cache is a subclass of {@code ConcurrentHashMap}, and the
 * first subclass the JVM loads throws away every compiled method of the program (and of the JDK) that was
 * optimised on the map having none, ten or more of them in a Tribuo job; a second generator class does
 * the same to the agent's own compiled JSON writing.
 */
public final class JsonStreams {

    public static final JsonFactory FACTORY = JsonFactory.builder().disable(JsonFactory.Feature.INTERN_FIELD_NAMES).build();

    private JsonStreams() {
    }
}
