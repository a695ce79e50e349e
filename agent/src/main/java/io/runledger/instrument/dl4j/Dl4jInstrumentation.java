package io.runledger.instrument.dl4j;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import io.runledger.instrument.AdviceSupport;
import io.runledger.instrument.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Where the DL4J advice goes (DL4J 1.0.0-M2.1 signatures). Types are matched by exact name only, so
 * matching costs a string comparison per loaded class; a method missing in another version simply
 * matches nothing.
 */
final class Dl4jInstrumentation implements TypeInstrumentation {

    private static final String INPUT_SPLIT = "org.datavec.api.split.InputSplit";
    private static final String INDARRAY = "org.nd4j.linalg.api.ndarray.INDArray";
    static final String EVALUATION = "org.nd4j.evaluation.classification.Evaluation";
    static final String EVALUATION_BINARY = "org.nd4j.evaluation.classification.EvaluationBinary";

    @Override
    public AgentBuilder apply(AgentBuilder builder, ClassFileLocator advice) {
        ElementMatcher.Junction<MethodDescription> fit = named("fit").and(not(takesArguments(0)))
                .and(not(takesArgument(1, named("org.deeplearning4j.nn.workspace.LayerWorkspaceMgr"))));
        ElementMatcher.Junction<MethodDescription> evaluate = isPublic().and(nameStartsWith("evaluate").or(named("doEvaluation")))
                .and(not(returns(void.class)));
        return builder
                .type(named(Dl4jInspector.MLN).or(named(Dl4jInspector.CG)))
                .transform((b, type, loader, module, domain) -> {
                    b = visit(b, type, advice, Dl4jAdvice.Fit.class, fit);
                    b = visit(b, type, advice, Dl4jAdvice.EpochEnd.class, named("incrementEpochCount").and(takesArguments(0)));
                    b = visit(b, type, advice, Dl4jAdvice.Evaluate.class, evaluate);
                    b = visit(b, type, advice, Dl4jAdvice.SelfSeeding.class, named("init").and(isPublic()));
                    b = visit(b, type, advice, Dl4jAdvice.Output.class, isPublic().and(named("output")).and(not(returns(void.class))));
                    b = visit(b, type, advice, Dl4jAdvice.ReadModel.class, named("load").and(isStatic()).and(takesArgument(0, java.io.File.class)));
                    return visit(b, type, advice, Dl4jAdvice.Save.class, named("save").and(takesArgument(0, java.io.File.class)));
                })
                .type(named("org.nd4j.evaluation.BaseEvaluation").or(named(EVALUATION)).or(named(EVALUATION_BINARY))
                        .or(named("org.nd4j.evaluation.regression.RegressionEvaluation")).or(named("org.nd4j.evaluation.classification.ROC"))
                        .or(named("org.nd4j.evaluation.classification.ROCBinary")).or(named("org.nd4j.evaluation.classification.ROCMultiClass")))
                .transform((b, type, loader, module, domain) ->
                        visit(b, type, advice, Dl4jAdvice.HandEval.class, isPublic().and(named("eval")).and(not(isStatic()))
                                .and(takesArgument(0, named(INDARRAY))).and(takesArgument(1, named(INDARRAY)))))
                .type(named("org.deeplearning4j.nn.conf.NeuralNetConfiguration$Builder").or(named("org.deeplearning4j.nn.conf.NeuralNetConfiguration"))
                        .or(named("org.deeplearning4j.nn.conf.MultiLayerConfiguration$Builder")))
                .transform((b, type, loader, module, domain) ->
                        visit(b, type, advice, Dl4jAdvice.SelfSeeding.class, named("seed").or(named("setSeed")).or(named("build"))))
                .type(named("org.nd4j.linalg.cpu.nativecpu.rng.CpuNativeRandom").or(named("org.nd4j.linalg.api.rng.DefaultRandom")))
                .transform((b, type, loader, module, domain) ->
                        visit(b, type, advice, Dl4jAdvice.Seed.class, named("setSeed").and(takesArguments(long.class))))
                .type(named("org.nd4j.linalg.dataset.DataSet"))
                .transform((b, type, loader, module, domain) -> {
                    b = visit(b, type, advice, Dl4jAdvice.RandomHandedIn.class, named("splitTestAndTrain").and(takesRandom()));
                    return visit(b, type, advice, Dl4jAdvice.ShuffleSeed.class, named("shuffle").and(takesArguments(long.class)));
                })
                .type(named("org.datavec.api.split.FileSplit").or(named("org.datavec.api.io.filters.RandomPathFilter"))
                        .or(named("org.datavec.api.io.filters.BalancedPathFilter")))
                .transform((b, type, loader, module, domain) ->
                        visit(b, type, advice, Dl4jAdvice.RandomHandedIn.class, isConstructor().and(takesRandom())))
                .type(named("org.deeplearning4j.optimize.solvers.BaseOptimizer"))
                .transform((b, type, loader, module, domain) ->
                        visit(b, type, advice, Dl4jAdvice.Iteration.class, named("incrementIterationCount").and(isStatic())))
                .type(named("org.datavec.api.records.reader.impl.LineRecordReader")
                        .or(named("org.datavec.api.records.reader.impl.csv.CSVRecordReader")))
                .transform((b, type, loader, module, domain) ->
                        visit(b, type, advice, Dl4jAdvice.ReaderInit.class, named("initialize")
                                .and(takesArguments(1).and(takesArgument(0, named(INPUT_SPLIT)))
                                        .or(takesArguments(2).and(takesArgument(1, named(INPUT_SPLIT)))))))
                .type(named("org.nd4j.linalg.dataset.api.preprocessor.AbstractDataSetNormalizer"))
                .transform((b, type, loader, module, domain) ->
                        visit(b, type, advice, Dl4jAdvice.NormalizerFit.class, named("fit").and(takesArguments(1))
                                .and(takesArgument(0, named("org.nd4j.linalg.dataset.api.DataSet"))
                                        .or(takesArgument(0, named("org.nd4j.linalg.dataset.api.iterator.DataSetIterator"))))))
                .type(named("org.datavec.api.records.reader.impl.transform.TransformProcessRecordReader"))
                .transform((b, type, loader, module, domain) ->
                        visit(b, type, advice, Dl4jAdvice.TransformReader.class, isConstructor().and(takesArguments(2))))
                .type(named("org.deeplearning4j.util.ModelSerializer"))
                .transform((b, type, loader, module, domain) -> {
                    b = visit(b, type, advice, Dl4jAdvice.ReadModel.class, nameStartsWith("restore").and(isStatic()).and(isPublic())
                            .and(takesArgument(0, java.io.File.class).or(takesArgument(0, String.class)).or(takesArgument(0, java.io.InputStream.class))));
                    return visit(b, type, advice, Dl4jAdvice.WriteModel.class, named("writeModel").and(isStatic()));
                });
    }
    /** A method given a {@code java.util.Random} among its first four arguments (where DataVec and ND4J take one). */
    private static ElementMatcher.Junction<MethodDescription> takesRandom() {
        ElementMatcher.Junction<MethodDescription> any = takesArgument(0, java.util.Random.class);
        for (int i = 1; i < 4; i++) {
            any = any.or(takesArgument(i, java.util.Random.class));
        }
        return any;
    }

    private static DynamicType.Builder<?> visit(DynamicType.Builder<?> builder, TypeDescription type, ClassFileLocator locator,
                                                Class<?> adviceClass, ElementMatcher<? super MethodDescription> matcher) {
        return AdviceSupport.visit(builder, type, locator, "DL4J", adviceClass, matcher, true);
    }
}
