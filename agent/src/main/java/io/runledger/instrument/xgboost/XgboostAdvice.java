package io.runledger.instrument.xgboost;

import io.runledger.bootstrap.CallDepth;
import io.runledger.bootstrap.RunLedger;
import io.runledger.instrument.Depth;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Advice woven into XGBoost4J: bootstrap API calls only, framework objects passed as {@code Object},
 * never throws. The train overloads delegate to one another: the outermost call is the training and
 * the inner one reports the values XGBoost really used (early stopping, a booster to continue from).
 * Methods are named by their signature text, never by {@code @Advice.Origin Method}: resolving a Method of
 * {@code XGBoost} reflects on all its public methods, and one of them takes Hadoop's FileSystem, which a
 * program without Hadoop cannot load.
 */
public final class XgboostAdvice {

    private XgboostAdvice() {
    }

    /** Static {@code XGBoost.train(..)}. */
    public static final class Train {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static long enter(@Depth("xgboost.train") int depth, @Advice.Origin("#m#s") String signature,
                                 @Advice.AllArguments Object[] args) {
            if (CallDepth.enter(depth) == 0) {
                return RunLedger.onTrainingStart("xgboost", null, signature, args);
            }
            RunLedger.onNestedCall("xgboost", signature, args);
            return 0L;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Depth("xgboost.train") int depth, @Advice.Enter long handle,
                                @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object booster, @Advice.Thrown Throwable error) {
            if (CallDepth.exit(depth) == 0 && handle != 0L) {
                RunLedger.onTrainingEnd(handle, booster, error);
            }
        }
    }

    /** Static {@code XGBoost.crossValidation(..)}: one training; its folds' own evaluations are not rounds of it. */
    public static final class CrossValidation {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static long enter(@Depth("xgboost.cv") int depth, @Advice.Origin("#m#s") String signature,
                                 @Advice.AllArguments Object[] args) {
            if (CallDepth.enter(depth) == 0) {
                return RunLedger.onTrainingStart("xgboost", null, signature, args);
            }
            return 0L;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Depth("xgboost.cv") int depth, @Advice.Enter long handle,
                                @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object history, @Advice.Thrown Throwable error) {
            if (CallDepth.exit(depth) == 0 && handle != 0L) {
                RunLedger.onTrainingEnd(handle, history, error);
            }
        }
    }

    /** {@code Booster.evalSet(..)}: the evaluation string XGBoost computed (outermost overload, outside cross-validation). */
    public static final class EvalSet {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Depth("xgboost.eval") int depth) {
            CallDepth.enter(depth);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Depth("xgboost.eval") int depth, @Depth("xgboost.cv") int cvDepth, @Advice.This Object booster,
                                @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object evaluation, @Advice.Thrown Throwable error) {
            if (CallDepth.exit(depth) == 0 && CallDepth.depth(cvDepth) == 0 && error == null) {
                RunLedger.onEvaluation("xgboost", booster, evaluation);
            }
        }
    }

    /** {@code Booster.saveModel(path | stream[, format])}. */
    public static final class SaveModel {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Depth("xgboost.save") int depth) {
            CallDepth.enter(depth);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Depth("xgboost.save") int depth, @Advice.This Object booster, @Advice.Argument(0) Object target,
                                @Advice.Thrown Throwable error) {
            if (CallDepth.exit(depth) == 0) {
                RunLedger.onModelWritten("xgboost", booster, target, error);
            }
        }
    }

    /**
     * {@code Booster.toByteArray([format])} called by the program (not inside {@code saveModel}): the bytes,
     * which become an artifact if the run writes them to a file.
     */
    public static final class ToByteArray {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Depth("xgboost.save") int depth, @Advice.This Object booster,
                                @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object bytes) {
            if (CallDepth.depth(depth) == 0 && bytes != null) {
                RunLedger.onModelWritten("xgboost", booster, bytes, null);
            }
        }
    }

    /**
     * {@code new DMatrix(..)}: where its data came from. Exit advice of a constructor runs on normal return
     * only (ByteBuddy cannot wrap a constructor in a handler); a constructor that delegates to another
     * reports twice for one matrix, and the reader keeps one description per matrix.
     */
    public static final class NewDMatrix {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object matrix, @Advice.AllArguments Object[] args) {
            RunLedger.onDataSource("xgboost", matrix, args);
        }
    }
}
