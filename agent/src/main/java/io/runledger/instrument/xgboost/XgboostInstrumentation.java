package io.runledger.instrument.xgboost;

import io.runledger.instrument.AdviceSupport;
import io.runledger.instrument.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.ClassFileLocator;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

/** Where the XGBoost advice goes (XGBoost4J 3.x signatures; the JVM package's public API). */
final class XgboostInstrumentation implements TypeInstrumentation {

    static final String XGBOOST = "ml.dmlc.xgboost4j.java.XGBoost";
    static final String BOOSTER = "ml.dmlc.xgboost4j.java.Booster";
    static final String DMATRIX = "ml.dmlc.xgboost4j.java.DMatrix";

    @Override
    public AgentBuilder apply(AgentBuilder builder, ClassFileLocator advice) {
        return builder
                .type(named(XGBOOST))
                .transform((b, type, loader, module, domain) -> {
                    b = AdviceSupport.visit(b, type, advice, "xgboost", XgboostAdvice.Train.class,
                            isStatic().and(isPublic()).and(named("train")).and(returns(named(BOOSTER))), true);
                    return AdviceSupport.visit(b, type, advice, "xgboost", XgboostAdvice.CrossValidation.class,
                            isStatic().and(isPublic()).and(named("crossValidation")), true);
                })
                .type(named(BOOSTER))
                .transform((b, type, loader, module, domain) -> {
                    b = AdviceSupport.visit(b, type, advice, "xgboost", XgboostAdvice.EvalSet.class,
                            isPublic().and(named("evalSet")).and(returns(String.class)), true);
                    b = AdviceSupport.visit(b, type, advice, "xgboost", XgboostAdvice.ToByteArray.class,
                            isPublic().and(named("toByteArray")).and(returns(byte[].class)), true);
                    return AdviceSupport.visit(b, type, advice, "xgboost", XgboostAdvice.SaveModel.class,
                            isPublic().and(named("saveModel")).and(takesArgument(0, String.class)
                                    .or(takesArgument(0, java.io.OutputStream.class))), true);
                })
                .type(named(DMATRIX))
                .transform((b, type, loader, module, domain) -> AdviceSupport.visit(b, type, advice, "xgboost",
                        XgboostAdvice.NewDMatrix.class, isConstructor().and(isPublic()), true));
    }
}
