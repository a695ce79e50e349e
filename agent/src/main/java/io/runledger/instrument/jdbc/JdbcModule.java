package io.runledger.instrument.jdbc;

import io.runledger.instrument.FrameworkModule;
import io.runledger.instrument.TypeInstrumentation;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Queries through JDBC drivers: a driver's classes arm the agent like a framework's. Its events go to
 * {@link JdbcQueries} (data sources of kind {@code query}); it has no training readers.
 */
public final class JdbcModule implements FrameworkModule {

    /** The drivers whose statements are instrumented, by package (internal form). */
    static final List<String> DRIVERS = Collections.unmodifiableList(Arrays.asList("org/h2/", "org/postgresql/", "com/mysql/",
            "org/mariadb/", "org/sqlite/", "org/hsqldb/", "org/apache/derby/", "oracle/jdbc/", "com/microsoft/sqlserver/",
            "org/duckdb/", "com/clickhouse/", "net/snowflake/", "com/amazon/redshift/", "io/trino/jdbc/"));

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public List<String> depthNames() {
        return java.util.Arrays.asList("jdbc.next", "jdbc.prepare", "jdbc.query");
    }

    @Override
    public List<String> armingPrefixes() {
        return DRIVERS;
    }

    @Override
    public TypeInstrumentation instrumentation() {
        return new JdbcInstrumentation();
    }
}
