package io.runledger.instrument.jdbc;

import io.runledger.redact.Redactor;
import io.runledger.snapshot.DataSource;
import io.runledger.snapshot.SourceKind;
import io.runledger.util.Hex;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
 * connections are held weakly, so nothing the application drops is kept alive. By default the rows
 * themselves are never read: only {@code next()} is counted, so the result set is exactly what it
 * would be without the agent. With {@code jdbc.hash-rows=true} each fetched row's values are read once
 * more with {@code getObject} and hashed (opt-in: a driver that streams columns read-once would object).
 */
public final class JdbcQueries {

    /** Distinct (URL, SQL) pairs kept: applications that inline values into SQL make a new text per row. */
    public static final int MAX_QUERIES = 10_000;

    private final boolean hashRows;
    private volatile boolean full;

    public JdbcQueries(boolean hashRows) {
        this.hashRows = hashRows;
    }

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
            if (q == null && queries.size() >= MAX_QUERIES) {
                full = true;
                return;
            }
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

    /** Per fetched row: one weak-map lookup (and, with {@code jdbc.hash-rows}, the row's values hashed). */
    public void row(Object resultSet) {
        Query q = byResultSet.get(resultSet);
        if (q != null) {
            q.rows.incrementAndGet();
            if (hashRows && resultSet instanceof ResultSet) {
                q.hashRow((ResultSet) resultSet);
            }
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

    /** True once {@link #MAX_QUERIES} distinct queries were recorded and later ones were left out. */
    public boolean limitReached() {
        return full;
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
            String rowsSha256 = q.rowsSha256();
            if (rowsSha256 != null) {
                details.put("rowsHashOf", "the fetched rows in fetch order: values as text, TAB between columns, LF after each row");
            }
            details.put("database", q.product);
            details.put("executions", q.executions.get());
            details.put("firstQueryAt", q.first.toString());
            details.put("lastQueryAt", String.valueOf(q.last));
            out.add(new DataSource(SourceKind.QUERY, redactor.redactValue(q.url), null, null, rowsSha256, q.rows.get(), Collections.unmodifiableMap(details)));
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

        private MessageDigest rowsDigest;
        private boolean rowsUnreadable;

        void executed() {
            executions.incrementAndGet();
            last = Instant.now();
        }

        /** On the application's thread, right after next() moved to a row: getObject only, each column once. */
        synchronized void hashRow(ResultSet rs) {
            if (rowsUnreadable) {
                return;
            }
            try {
                if (rowsDigest == null) {
                    rowsDigest = Hex.sha256();
                }
                int columns = rs.getMetaData().getColumnCount();
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "\t" : "").append(rs.getObject(i));
                }
                rowsDigest.update(row.append('\n').toString().getBytes(StandardCharsets.UTF_8));
            } catch (Exception | LinkageError e) {
                rowsUnreadable = true;   // no hash rather than a wrong one
            }
        }

        /** The hash of the rows fetched so far, or null (not asked for, or a row could not be read). */
        synchronized String rowsSha256() {
            if (rowsDigest == null || rowsUnreadable) {
                return null;
            }
            try {
                return Hex.of(((MessageDigest) rowsDigest.clone()).digest());
            } catch (CloneNotSupportedException e) {
                return null;
            }
        }
    }
}
