package io.runledger.instrument;

/**
 * The class-name prefixes (internal form) that make the agent arm itself. Kept apart from the
 * instrumentation classes: premain reads these, and must not initialise anything of ByteBuddy's.
 */
public final class FrameworkPrefixes {

    public static final String[] DL4J = {"org/deeplearning4j/", "org/nd4j/", "org/datavec/"};
    public static final String[] TRIBUO = {"org/tribuo/"};
    public static final String[] SMILE = {"smile/"};
    /** JDBC drivers whose statements are instrumented (a driver's classes arm the agent like a framework's). */
    public static final String[] JDBC_DRIVERS = {"org/h2/", "org/postgresql/", "com/mysql/", "org/mariadb/", "org/sqlite/",
        "org/hsqldb/", "org/apache/derby/", "oracle/jdbc/", "com/microsoft/sqlserver/", "org/duckdb/", "com/clickhouse/",
        "net/snowflake/", "com/amazon/redshift/", "io/trino/jdbc/"};

    private FrameworkPrefixes() {
    }
}
