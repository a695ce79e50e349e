package io.runledger.instrument.spark;

import io.runledger.bootstrap.CallDepth;
import io.runledger.bootstrap.RunLedger;
import io.runledger.instrument.Depth;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Advice woven into Spark ML: bootstrap API calls only, Spark objects passed as {@code Object}, never
 * throws. Fits nest (a Pipeline fits its stages, a CrossValidator its grid): only the outermost one on a
 * thread is a training; fits a tuning estimator runs on its own pool are nested by the recorder.
 */
public final class SparkAdvice {

    private SparkAdvice() {
    }

    /** {@code Estimator.fit(Dataset[, ParamMap | ParamPair..])}. */
    public static final class Fit {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static long enter(@Depth("spark.fit") int depth, @Advice.This Object estimator, @Advice.Origin("#t.#m#s") String signature,
                                 @Advice.AllArguments Object[] args) {
            if (CallDepth.enter(depth) == 0) {
                return RunLedger.onTrainingStart("spark", estimator, signature, args);
            }
            return 0L;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Depth("spark.fit") int depth, @Advice.Enter long handle,
                                @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object model, @Advice.Thrown Throwable error) {
            if (CallDepth.exit(depth) == 0 && handle != 0L) {
                RunLedger.onTrainingEnd(handle, model, error);
            }
        }
    }

    /**
     * {@code Model.transform(Dataset)} (outermost: a PipelineModel transforms through its stages): the
     * Dataset it returns is this model's output, so an evaluation of it can be tied to this model.
     */
    public static final class Transform {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Depth("spark.transform") int depth) {
            CallDepth.enter(depth);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Depth("spark.transform") int depth, @Advice.This Object model,
                                @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object output, @Advice.Thrown Throwable error) {
            if (CallDepth.exit(depth) == 0 && error == null) {
                RunLedger.onDataSource("spark", model, output);
            }
        }
    }

    /** {@code Evaluator.evaluate(Dataset)}: the figure Spark computed, with the evaluator that names it. */
    public static final class Evaluate {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Depth("spark.evaluate") int depth) {
            CallDepth.enter(depth);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Depth("spark.evaluate") int depth, @Advice.This Object evaluator, @Advice.Argument(0) Object dataset,
                                @Advice.Return double value, @Advice.Thrown Throwable error) {
            if (CallDepth.exit(depth) == 0 && error == null) {
                RunLedger.onEvaluation("spark", dataset, new Object[] {evaluator, value, dataset});
            }
        }
    }

    /** {@code MLWriter.save(path)} (outermost: a PipelineModel's writer saves each stage below its own directory). */
    public static final class Save {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Depth("spark.save") int depth) {
            CallDepth.enter(depth);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Depth("spark.save") int depth, @Advice.This Object writer, @Advice.Argument(0) Object path,
                                @Advice.Thrown Throwable error) {
            if (CallDepth.exit(depth) == 0) {
                RunLedger.onModelWritten("spark", writer, path, error);
            }
        }
    }
}
