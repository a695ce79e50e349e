package io.runledger.instrument.jdbc;

import io.runledger.redact.Redactor;
import io.runledger.snapshot.DataSource;
import io.runledger.util.Hex;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The queries a run read its data with, one data source per (connection URL, SQL text): how often it
 * ran, the rows the application fetched, and the database product. Statements, result sets and
 * connections are held weakly, so nothing the application drops is kept alive. The rows themselves
 * are never read: only {@code next()} is counted, so the result set is exactly what it would be
 * without the agent.
 */
public final class JdbcQueries {

    private final Map<Object, String> preparedSql = Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<Object, Query> byResultSet = Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<Object, String[]> connections = Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<String, Query> queries = new LinkedHashMap<>();

    public void prepared(Object statement, Object sql) {
        if (statement != null && sql != null) {
            preparedSql.put(statement, sql.toString());
        }
    }

    /** The application's thread, right after {@code executeQuery} returned. */
    public void query(Object statement, Object sql, Object resultSet) {
        String text = sql != null ? sql.toString() : preparedSql.get(statement);
        String[] db = database(statement);
        Query q;
        synchronized (queries) {
            String key = db[0] + "\n" + text;
            q = queries.get(key);
            if (q == null) {
                q = new Query(db[0], db[1], text);
                queries.put(key, q);
            }
        }
        q.executed();
        if (resultSet != null) {
            byResultSet.put(resultSet, q);
        }
    }

    /** Per fetched row: one weak-map lookup. */
    public void row(Object resultSet) {
        Query q = byResultSet.get(resultSet);
        if (q != null) {
            q.rows.incrementAndGet();
        }
    }

    /**
     * URL and product of the statement's connection, asked once per connection on the application's
     * thread (JDBC objects are not thread-safe). Metadata getters only: no statement is run.
     */
    private String[] database(Object statement) {
        if (!(statement instanceof Statement)) {
            return new String[] {"", ""};
        }
        try {
            Connection c = ((Statement) statement).getConnection();
            String[] known = connections.get(c);
            if (known == null) {
                DatabaseMetaData meta = c.getMetaData();
                known = new String[] {String.valueOf(meta.getURL()), meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion()};
                connections.put(c, known);
            }
            return known;
        } catch (Exception | LinkageError e) {
            return new String[] {"", ""};
        }
    }

    /** One data source per query, with URL and SQL redacted. */
    public List<DataSource> sources(Redactor redactor) {
        List<Query> all;
        synchronized (queries) {
            all = new ArrayList<>(queries.values());
        }
        List<DataSource> out = new ArrayList<>();
        for (Query q : all) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("readBy", "jdbc");
            details.put("sql", q.sql == null ? null : redactor.redactValue(q.sql));
            details.put("sqlSha256", q.sql == null ? null : Hex.sha256(q.sql));
            details.put("database", q.product);
            details.put("executions", q.executions.get());
            details.put("firstQueryAt", q.first.toString());
            details.put("lastQueryAt", String.valueOf(q.last));
            out.add(new DataSource("query", redactor.redactValue(q.url), null, null, null, q.rows.get(), Collections.unmodifiableMap(details)));
        }
        return out;
    }

    private static final class Query {
        final String url;
        final String product;
        final String sql;
        final Instant first = Instant.now();
        volatile Instant last;
        final AtomicLong executions = new AtomicLong();
        final AtomicLong rows = new AtomicLong();

        Query(String url, String product, String sql) {
            this.url = url;
            this.product = product;
            this.sql = sql;
        }

        void executed() {
            executions.incrementAndGet();
            last = Instant.now();
        }
    }
}
