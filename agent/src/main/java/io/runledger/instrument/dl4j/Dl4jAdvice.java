package io.runledger.instrument.dl4j;

import io.runledger.bootstrap.CallDepth;
import io.runledger.bootstrap.RunLedger;
import io.runledger.instrument.Depth;
import net.bytebuddy.asm.Advice;

/**
 * Advice woven into DL4J classes. It is inlined into the framework's own methods, so it may only call
 * the bootstrap API, it passes framework objects as {@code Object}, and it never throws
 * ({@code suppress = Throwable.class}). Overloads that call each other are recorded once (CallDepth).
 */
public final class Dl4jAdvice {

    private Dl4jAdvice() {
    }

    /** {@code MultiLayerNetwork.fit(..)} and {@code ComputationGraph.fit(..)}: one training per outermost call. */
    public static final class Fit {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static long enter(@Depth("dl4j.fit") int depth, @Advice.This Object model, @Advice.Origin("#m#s") String method, @Advice.AllArguments Object[] args) {
            if (CallDepth.enter(depth) == 0) {
                return RunLedger.onTrainingStart("dl4j", model, method, args);
            }
            return 0L;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Depth("dl4j.fit") int depth, @Advice.Enter long handle, @Advice.Thrown Throwable error) {
            if (CallDepth.exit(depth) == 0 && handle != 0L) {
                RunLedger.onTrainingEnd(handle, null, error);
            }
        }
    }

    /** {@code BaseOptimizer.incrementIterationCount(Model, int)}: right after the listeners saw the step. */
    public static final class Iteration {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(0) Object model) {
            RunLedger.onIteration("dl4j", model);
        }
    }

    /** {@code incrementEpochCount()}: the epoch that just ended. */
    public static final class EpochEnd {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object model) {
            RunLedger.onEpochEnd("dl4j", model);
        }
    }

    /** {@code LineRecordReader/CSVRecordReader.initialize(.., InputSplit)}. */
    public static final class ReaderInit {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object reader, @Advice.AllArguments Object[] args) {
            RunLedger.onDataSource("dl4j", reader, args[args.length - 1]);
        }
    }

    /** {@code AbstractDataSetNormalizer.fit(DataSet|DataSetIterator)}: the fitted statistics. */
    public static final class NormalizerFit {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Depth("dl4j.normalizer") int depth) {
            CallDepth.enter(depth);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Depth("dl4j.normalizer") int depth, @Advice.This Object normalizer, @Advice.Argument(0) Object input, @Advice.Thrown Throwable error) {
            if (CallDepth.exit(depth) == 0 && error == null) {
                RunLedger.onFeatureStep("dl4j", normalizer, input);
            }
        }
    }

    /** {@code new TransformProcessRecordReader(reader, transformProcess)}. */
    public static final class TransformReader {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object reader, @Advice.Argument(1) Object transformProcess) {
            RunLedger.onFeatureStep("dl4j", transformProcess, reader);
        }
    }

    /** {@code evaluate*(..)} and {@code doEvaluation(..)}: what the outermost call returned. */
    public static final class Evaluate {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Depth("dl4j.evaluate") int depth) {
            CallDepth.enter(depth);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Depth("dl4j.evaluate") int depth, @Advice.This Object model, @Advice.Return(typing = net.bytebuddy.implementation.bytecode.assign.Assigner.Typing.DYNAMIC) Object result,
                                @Advice.Thrown Throwable error) {
            if (CallDepth.exit(depth) == 0 && error == null) {
                RunLedger.onEvaluation("dl4j", model, result);
            }
        }
    }

    /**
     * {@code Evaluation.eval(labels, predictions ..)} and the other evaluators' {@code eval}, called by the
     * program itself: the evaluator is read when the run ends. Fills made inside {@code model.evaluate(..)}
     * are that call's, recorded with its result.
     */
    public static final class HandEval {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Depth("dl4j.eval") int depth) {
            CallDepth.enter(depth);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Depth("dl4j.eval") int depth, @Depth("dl4j.evaluate") int evaluate, @Advice.This Object evaluator,
                                @Advice.Argument(0) Object labels, @Advice.Thrown Throwable error) {
            if (CallDepth.exit(depth) == 0 && error == null && CallDepth.depth(evaluate) == 0) {
                RunLedger.onDataSource("dl4j", evaluator, labels);   // what it was scored against
                RunLedger.onEvaluatorFilled("dl4j", evaluator);
            }
        }
    }

    /**
     * Marks the extent of DL4J's own code that seeds ND4J from a configuration: {@code init(..)} of the
     * networks, the configuration builders' {@code seed(..)} and {@code build()}.
     */
    public static final class SelfSeeding {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Depth("dl4j.init") int depth) {
            CallDepth.enter(depth);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Depth("dl4j.init") int depth) {
            CallDepth.exit(depth);
        }
    }

    /** {@code Nd4j.getRandom().setSeed(long)} called by the program, not by a network seeding itself in init or fit. */
    public static final class Seed {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Depth("dl4j.fit") int fit, @Depth("dl4j.init") int init, @Advice.Argument(0) long seed) {
            // a configuration's seed is already the training's hyperparameter; this one the program chose
            if (CallDepth.depth(fit) == 0 && CallDepth.depth(init) == 0) {
                RunLedger.onSeed("dl4j", "Nd4j.getRandom().setSeed", seed);
            }
        }
    }

    /**
     * {@code DataSet.shuffle(long)}: the seed of the data's order. The examples' {@code allData.shuffle()}
     * draws it from the clock and passes it here, so this is the one record of it.
     */
    public static final class ShuffleSeed {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(0) long seed) {
            RunLedger.onSeed("dl4j", "DataSet.shuffle", seed);
        }
    }

    /**
     * A {@code java.util.Random} handed to DataVec or ND4J (a shuffled {@code FileSplit}, a random path
     * filter, {@code DataSet.splitTestAndTrain(n, rng)}): on entry, before the framework draws from it.
     */
    public static final class RandomHandedIn {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Origin("#t.#m") String origin, @Advice.AllArguments Object[] arguments) {
            for (Object argument : arguments) {
                if (argument instanceof java.util.Random) {
                    RunLedger.onRandomHandedIn("dl4j", origin, argument);
                }
            }
        }
    }

    /** {@code MultiLayerNetwork/ComputationGraph.output(..)}: which model a hand-filled evaluation scores. */
    public static final class Output {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Depth("dl4j.output") int depth) {
            CallDepth.enter(depth);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Depth("dl4j.output") int depth, @Advice.This Object model) {
            if (CallDepth.exit(depth) == 0) {
                RunLedger.onPrediction("dl4j", model);
            }
        }
    }

    /** {@code ModelSerializer.restore*(source, ..)} and the networks' static {@code load(File, ..)}: a model read, not data. */
    public static final class ReadModel {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Depth("dl4j.load") int depth) {
            CallDepth.enter(depth);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Depth("dl4j.load") int depth, @Advice.Argument(0) Object source, @Advice.Thrown Throwable error) {
            if (CallDepth.exit(depth) == 0 && error == null) {
                RunLedger.onModelRead("dl4j", source);
            }
        }
    }

    /** {@code ModelSerializer.writeModel(model, target, ..)} (static). */
    public static final class WriteModel {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Depth("dl4j.save") int depth) {
            CallDepth.enter(depth);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Depth("dl4j.save") int depth, @Advice.Argument(0) Object model, @Advice.Argument(1) Object target, @Advice.Thrown Throwable error) {
            if (CallDepth.exit(depth) == 0) {
                RunLedger.onModelWritten("dl4j", model, target, error);
            }
        }
    }

    /** {@code MultiLayerNetwork/ComputationGraph.save(File[, boolean])}, which calls writeModel. */
    public static final class Save {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Depth("dl4j.save") int depth) {
            CallDepth.enter(depth);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Depth("dl4j.save") int depth, @Advice.This Object model, @Advice.Argument(0) Object target, @Advice.Thrown Throwable error) {
            if (CallDepth.exit(depth) == 0) {
                RunLedger.onModelWritten("dl4j", model, target, error);
            }
        }
    }
}
