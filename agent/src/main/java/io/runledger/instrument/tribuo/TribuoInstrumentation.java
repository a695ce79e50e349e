package io.runledger.instrument.tribuo;

import io.runledger.instrument.AdviceSupport;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.ClassFileLocator;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isFinal;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Where the Tribuo advice goes (Tribuo 4.3 signatures). {@code Trainer} is an interface with many
 * implementations, so trainers are found by a super-type walk — but only for classes whose name already
 * starts with {@code org.tribuo.}, so every other class costs a string comparison.
 */
public final class TribuoInstrumentation {

    public static final String[] PREFIXES = {"org/tribuo/"};
    public static final String PACKAGE = "org.tribuo.";

    private TribuoInstrumentation() {
    }

    public static AgentBuilder apply(AgentBuilder builder, ClassFileLocator advice) {
        return builder
                .type(nameStartsWith(PACKAGE).and(hasSuperType(named("org.tribuo.Trainer"))))
                .transform((b, type, loader, module, domain) -> AdviceSupport.visit(b, type, advice, "tribuo", TribuoAdvice.Train.class,
                        named("train").and(not(isAbstract())).and(not(isBridge())).and(takesArgument(0, named("org.tribuo.Dataset")))
                                .and(takesArguments(1).or(takesArguments(2)).or(takesArguments(3))), false))
                .type(named("org.tribuo.evaluation.AbstractEvaluator"))
                .transform((b, type, loader, module, domain) -> AdviceSupport.visit(b, type, advice, "tribuo", TribuoAdvice.Evaluate.class,
                        named("evaluate").and(isPublic()).and(isFinal()), true))
                .type(named("org.tribuo.Model"))
                .transform((b, type, loader, module, domain) -> AdviceSupport.visit(b, type, advice, "tribuo", TribuoAdvice.Serialize.class,
                        named("serializeToFile").or(named("serializeToStream")).and(takesArguments(1)), true));
    }
}
