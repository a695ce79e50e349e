package io.runledger.instrument.jdbc;

import io.runledger.instrument.AdviceSupport;
import io.runledger.instrument.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Where the JDBC advice goes: the concrete statement, connection and result-set classes of the drivers
 * in {@link JdbcModule#DRIVERS}. Interfaces are matched through the driver's own class
 * files (never by loading classes); connection pools wrapping a driver are seen through the driver.
 */
final class JdbcInstrumentation implements TypeInstrumentation {

    /** The drivers' packages, dotted: what the agent builder must not ignore. */
    static ElementMatcher.Junction<TypeDescription> drivers() {
        ElementMatcher.Junction<TypeDescription> m = none();
        for (String prefix : JdbcModule.DRIVERS) {
            m = m.or(nameStartsWith(prefix.replace('/', '.')));
        }
        return m;
    }

    private static ElementMatcher.Junction<TypeDescription> none() {
        return net.bytebuddy.matcher.ElementMatchers.none();
    }

    private static ElementMatcher.Junction<TypeDescription> concrete(String jdbcInterface) {
        return drivers().and(not(isInterface())).and(not(isAbstract())).and(hasSuperType(named(jdbcInterface)));
    }

    @Override
    public AgentBuilder apply(AgentBuilder builder, ClassFileLocator advice) {
        return builder
                .type(concrete("java.sql.Statement"))
                .transform((b, type, loader, module, domain) -> AdviceSupport.visit(b, type, advice, "jdbc", JdbcAdvice.Query.class,
                        named("executeQuery").and(takesArguments(0).or(takesArguments(String.class))), false))
                .type(concrete("java.sql.Connection"))
                .transform((b, type, loader, module, domain) -> AdviceSupport.visit(b, type, advice, "jdbc", JdbcAdvice.Prepare.class,
                        named("prepareStatement").or(named("prepareCall")).and(takesArgument(0, String.class)), false))
                .type(concrete("java.sql.ResultSet"))
                .transform((b, type, loader, module, domain) -> AdviceSupport.visit(b, type, advice, "jdbc", JdbcAdvice.Next.class,
                        named("next").and(takesArguments(0)).and(returns(boolean.class)), false));
    }
}
