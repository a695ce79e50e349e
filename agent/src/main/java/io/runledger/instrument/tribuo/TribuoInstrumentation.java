package io.runledger.instrument.tribuo;

import io.runledger.instrument.AdviceSupport;
import io.runledger.instrument.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.dynamic.ClassFileLocator;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isFinal;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Where the Tribuo advice goes (Tribuo 4.3 signatures). {@code Trainer} is an interface with many
 * implementations; rather than walking every class's super-types, the advice goes into each
 * {@code org.tribuo.} class that itself declares a concrete {@code train(Dataset, ..)} (the interface's
 * default methods included). An inherited {@code train} runs the advice of the class that declares it,
 * with the concrete trainer as {@code this}. Any other class costs one string comparison.
 */
final class TribuoInstrumentation implements TypeInstrumentation {

    public static final String PACKAGE = "org.tribuo.";

    private static final ElementMatcher.Junction<MethodDescription> TRAIN = named("train").and(not(isAbstract())).and(not(isBridge()))
            .and(takesArgument(0, named("org.tribuo.Dataset"))).and(takesArguments(1).or(takesArguments(2)).or(takesArguments(3)));

    @Override
    public AgentBuilder apply(AgentBuilder builder, ClassFileLocator advice) {
        return builder
                .type(nameStartsWith(PACKAGE).and(declaresMethod(TRAIN)))
                .transform((b, type, loader, module, domain) -> AdviceSupport.visit(b, type, advice, "tribuo", TribuoAdvice.Train.class,
                        TRAIN, false))
                .type(named("org.tribuo.evaluation.AbstractEvaluator"))
                .transform((b, type, loader, module, domain) -> AdviceSupport.visit(b, type, advice, "tribuo", TribuoAdvice.Evaluate.class,
                        named("evaluate").and(isPublic()).and(isFinal()), true))
                .type(named("org.tribuo.Model"))
                .transform((b, type, loader, module, domain) -> AdviceSupport.visit(AdviceSupport.visit(b, type, advice, "tribuo",
                        TribuoAdvice.Serialize.class, named("serializeToFile").or(named("serializeToStream")).and(takesArguments(1)), false),
                        type, advice, "tribuo", TribuoAdvice.ReadModel.class, named("deserializeFromFile").and(isStatic()), false));
    }
}
