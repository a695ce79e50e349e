package io.runledger.instrument.smile;

import io.runledger.instrument.AdviceSupport;
import io.runledger.instrument.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.nameEndsWith;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Where the Smile advice goes (Smile 3.1 signatures; every {@code fit} is static). Model classes are the
 * {@code smile.classification.} and {@code smile.regression.} types, matched by name; the calibration
 * helpers that are also called {@code fit} are not trainings and are left alone.
 */
final class SmileInstrumentation implements TypeInstrumentation {

    public static final String PACKAGE = "smile.";

    private static final ElementMatcher.Junction<MethodDescription> FIT = isStatic().and(isPublic())
            .and(named("fit").or(named("binomial")).or(named("multinomial"))).and(not(returns(void.class)));

    @Override
    public AgentBuilder apply(AgentBuilder builder, ClassFileLocator advice) {
        return builder
                .type(nameStartsWith("smile.classification.").or(nameStartsWith("smile.regression."))
                        .and(not(named("smile.classification.ClassLabels").or(named("smile.classification.PlattScaling"))
                                .or(named("smile.classification.IsotonicRegressionScaling")))))
                .transform((b, type, loader, module, domain) -> AdviceSupport.visit(b, type, advice, "smile", SmileAdvice.Fit.class, FIT, false))
                .type(named("smile.io.Read"))
                .transform((b, type, loader, module, domain) -> {
                    b = AdviceSupport.visit(b, type, advice, "smile", SmileAdvice.Read.class,
                            isStatic().and(isPublic()).and(returns(named("smile.data.DataFrame"))).and(not(takesArguments(0))), true);
                    return AdviceSupport.visit(b, type, advice, "smile", SmileAdvice.ReadObject.class,
                            isStatic().and(named("object")).and(takesArguments(1)), true);
                })
                .type(nameStartsWith("smile.feature.transform."))
                .transform((b, type, loader, module, domain) -> AdviceSupport.visit(b, type, advice, "smile", SmileAdvice.TransformFit.class,
                        isStatic().and(named("fit")).and(takesArgument(0, named("smile.data.DataFrame"))), false))
                .type(named("smile.validation.CrossValidation").or(named("smile.validation.Bootstrap")).or(named("smile.validation.LOOCV")))
                .transform((b, type, loader, module, domain) -> AdviceSupport.visit(b, type, advice, "smile", SmileAdvice.CrossValidate.class,
                        isStatic().and(isPublic()).and(named("classification").or(named("regression")).or(named("stratify")))
                                .and(SmileInstrumentation::takesTrainer), false))
                .type(named("smile.math.MathEx"))
                .transform((b, type, loader, module, domain) -> AdviceSupport.visit(b, type, advice, "smile", SmileAdvice.Seed.class,
                        isStatic().and(named("setSeed")).and(takesArguments(long.class)), false))
                .type(named("smile.validation.ClassificationValidation").or(named("smile.validation.RegressionValidation"))
                        .or(nameStartsWith("smile.validation.metric.")))
                .transform((b, type, loader, module, domain) -> AdviceSupport.visit(b, type, advice, "smile", SmileAdvice.Validate.class,
                        isStatic().and(isPublic()).and(named("classification").or(named("regression")).or(named("of")))
                                .and(not(returns(void.class))), false))
                .type(nameStartsWith("smile.").and(nameEndsWith("$Options")))
                .transform((b, type, loader, module, domain) -> AdviceSupport.visit(b, type, advice, "smile", SmileAdvice.OptionsOf.class,
                        isStatic().and(named("of")).and(takesArguments(java.util.Properties.class)), false))
                .type(named("smile.io.Write"))
                .transform((b, type, loader, module, domain) -> AdviceSupport.visit(b, type, advice, "smile", SmileAdvice.WriteObject.class,
                        named("object").and(takesArguments(2)), true));
    }

    /** A validation that trains: its last parameter is the trainer ({@code (formula, data) -> model}). */
    private static boolean takesTrainer(MethodDescription m) {
        int n = m.getParameters().size();
        return n > 0 && m.getParameters().get(n - 1).getType().asErasure().represents(java.util.function.BiFunction.class);
    }
}
