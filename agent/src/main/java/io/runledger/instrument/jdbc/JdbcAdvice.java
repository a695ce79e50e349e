package io.runledger.instrument.jdbc;

import io.runledger.bootstrap.CallDepth;
import io.runledger.bootstrap.RunLedger;
import io.runledger.instrument.Depth;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Advice woven into JDBC drivers' statements, connections and result sets: bootstrap API calls only, never throws. */
public final class JdbcAdvice {

    private JdbcAdvice() {
    }

    /** {@code Statement.executeQuery(String)} and {@code PreparedStatement.executeQuery()}: the outermost call, when it returned. */
    public static final class Query {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Depth("jdbc.query") int depth) {
            CallDepth.enter(depth);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Depth("jdbc.query") int depth, @Advice.This Object statement, @Advice.AllArguments Object[] args,
                                @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object resultSet, @Advice.Thrown Throwable error) {
            if (CallDepth.exit(depth) == 0 && error == null) {
                RunLedger.onQuery(statement, args.length > 0 ? args[0] : null, resultSet);
            }
        }
    }

    /** {@code Connection.prepareStatement(String, ..)}: remembers the SQL text of the statement it returns. */
    public static final class Prepare {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Depth("jdbc.prepare") int depth) {
            CallDepth.enter(depth);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Depth("jdbc.prepare") int depth, @Advice.Argument(0) Object sql, @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object statement,
                                @Advice.Thrown Throwable error) {
            if (CallDepth.exit(depth) == 0 && error == null) {
                RunLedger.onStatementPrepared(statement, sql);
            }
        }
    }

    /** {@code ResultSet.next()}: counts the rows the application fetched, nothing else. */
    public static final class Next {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Depth("jdbc.next") int depth) {
            CallDepth.enter(depth);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Depth("jdbc.next") int depth, @Advice.This Object resultSet, @Advice.Return boolean hasRow) {
            if (CallDepth.exit(depth) == 0 && hasRow) {
                RunLedger.onRowFetched(resultSet);
            }
        }
    }
}
