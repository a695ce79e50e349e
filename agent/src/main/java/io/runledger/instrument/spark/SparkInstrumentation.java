package io.runledger.instrument.spark;

import io.runledger.instrument.AdviceSupport;
import io.runledger.instrument.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Where the Spark ML advice goes. Estimators, models and evaluators are matched by super type, but only
 * among classes under {@code org.apache.spark.ml.} (a name check first), so no other class is resolved.
 * Scala's bridge methods are left alone: they call the real method, which carries the advice.
 */
final class SparkInstrumentation implements TypeInstrumentation {

    static final String PACKAGE = "org.apache.spark.ml.";
    static final String DATASET = "org.apache.spark.sql.Dataset";
    static final String ESTIMATOR = "org.apache.spark.ml.Estimator";
    static final String MODEL = "org.apache.spark.ml.Model";
    static final String EVALUATOR = "org.apache.spark.ml.evaluation.Evaluator";
    static final String WRITER = "org.apache.spark.ml.util.MLWriter";

    private static ElementMatcher.Junction<TypeDescription> under(String superType) {
        return nameStartsWith(PACKAGE).and(not(isInterface())).and(hasSuperType(named(superType)));
    }

    /** A concrete, non-bridge public method named {@code name} whose first parameter is a Dataset. */
    private static ElementMatcher.Junction<MethodDescription> onDataset(String name) {
        return isPublic().and(named(name)).and(not(isAbstract())).and(not(isBridge())).and(takesArgument(0, named(DATASET)));
    }

    @Override
    public AgentBuilder apply(AgentBuilder builder, ClassFileLocator advice) {
        return builder
                .type(under(ESTIMATOR))
                .transform((b, type, loader, module, domain) -> AdviceSupport.visit(b, type, advice, "spark", SparkAdvice.Fit.class,
                        onDataset("fit").and(not(returns(named("scala.collection.Seq")))), false))
                .type(under(MODEL))
                .transform((b, type, loader, module, domain) -> AdviceSupport.visit(b, type, advice, "spark", SparkAdvice.Transform.class,
                        onDataset("transform").and(takesArguments(1)), false))
                .type(under(EVALUATOR))
                .transform((b, type, loader, module, domain) -> AdviceSupport.visit(b, type, advice, "spark", SparkAdvice.Evaluate.class,
                        onDataset("evaluate").and(takesArguments(1)).and(returns(double.class)), false))
                .type(named(WRITER))
                .transform((b, type, loader, module, domain) -> AdviceSupport.visit(b, type, advice, "spark", SparkAdvice.Save.class,
                        isPublic().and(named("save")).and(takesArguments(String.class)), true));
    }
}
