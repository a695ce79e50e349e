package io.runledger.instrument.smile;

import io.runledger.bootstrap.CallDepth;
import io.runledger.bootstrap.RunLedger;
import io.runledger.instrument.Depth;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

import java.lang.reflect.Method;

/** Advice woven into Smile's static entry points: bootstrap API calls only, never throws. */
public final class SmileAdvice {

    private SmileAdvice() {
    }

    /**
     * Static {@code fit/binomial/multinomial}: the outermost call is the training; the positional overload
     * it delegates to reports its arguments, which are the values Smile really used.
     */
    public static final class Fit {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static long enter(@Depth("smile.fit") int depth, @Depth("smile.cv") int cv, @Advice.Origin Method method, @Advice.Origin("#m#s") String signature,
                                 @Advice.AllArguments Object[] args) {
            if (CallDepth.enter(depth) == 0 && CallDepth.depth(cv) == 0) {
                return RunLedger.onTrainingStart("smile", method, signature, args);
            }
            RunLedger.onNestedCall("smile", method, args);
            return 0L;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Depth("smile.fit") int depth, @Advice.Enter long handle, @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object model,
                                @Advice.Thrown Throwable error) {
            if (CallDepth.exit(depth) == 0 && handle != 0L) {
                RunLedger.onTrainingEnd(handle, model, error);
            }
        }
    }

    /**
     * {@code CrossValidation/LOOCV/Bootstrap.classification|regression|stratify(.., trainer)}: one training
     * whose folds are the fits inside it (they report their effective parameters, not new trainings); the
     * aggregate and per-fold metrics come from what it returns, once it has ended.
     */
    public static final class CrossValidate {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static long enter(@Depth("smile.cv") int depth, @Depth("smile.fit") int fit, @Advice.Origin Method method,
                                 @Advice.Origin("#m#s") String signature, @Advice.AllArguments Object[] args) {
            if (CallDepth.enter(depth) == 0 && CallDepth.depth(fit) == 0) {
                return RunLedger.onTrainingStart("smile", method, signature, args);
            }
            return 0L;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Depth("smile.cv") int depth, @Advice.Enter long handle, @Advice.Origin("#t.#m") String what,
                                @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object result, @Advice.Thrown Throwable error) {
            if (CallDepth.exit(depth) == 0 && handle != 0L) {
                RunLedger.onTrainingEnd(handle, result, error);
                if (error == null) {
                    RunLedger.onEvaluation("smile", null, new Object[] {what, result});
                }
            }
        }
    }

    /**
     * Smile 5+: {@code RandomForest.Options.of(Properties)}, how a program still passes Properties: the
     * reader remembers which keys that call ignored, for the fit that is given the record.
     */
    public static final class OptionsOf {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.Origin Method method, @Advice.Argument(0) Object properties,
                                @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object options) {
            RunLedger.onNestedCall("smile", method, new Object[] {properties, options});
        }
    }

    /** {@code MathEx.setSeed(long)} called by the program (not by a fit seeding its own workers). */
    public static final class Seed {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Depth("smile.fit") int fit, @Depth("smile.cv") int cv, @Advice.Argument(0) long seed) {
            if (CallDepth.depth(fit) == 0 && CallDepth.depth(cv) == 0) {
                RunLedger.onSeed("smile", "MathEx.setSeed", seed);
            }
        }
    }

    /** {@code smile.io.Read.*(path, ..)}: the file and the DataFrame read from it. */
    public static final class Read {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.Argument(0) Object source, @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object frame) {
            RunLedger.onDataSource("smile", frame, source);
        }
    }

    /** {@code Standardizer.fit(DataFrame, String...)} and siblings: the fitted transform. */
    public static final class TransformFit {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.Argument(0) Object data, @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object transform) {
            RunLedger.onFeatureStep("smile", transform, data);
        }
    }

    /** {@code smile.validation} results: cross-validation, bootstrap, metrics. */
    public static final class Validate {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Depth("smile.validate") int depth) {
            CallDepth.enter(depth);
        }

        /** Outermost only: cross-validation computes each fold's metrics through the same methods. */
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Depth("smile.validate") int depth, @Depth("smile.fit") int fitDepth, @Depth("smile.cv") int cv,
                                @Advice.Origin("#t.#m") String what, @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object result,
                                @Advice.Thrown Throwable error) {
            // not when a model scores itself while training (RandomForest's out-of-bag metrics), nor a fold inside a cross-validation
            if (CallDepth.exit(depth) == 0 && CallDepth.depth(fitDepth) == 0 && CallDepth.depth(cv) == 0 && error == null) {
                RunLedger.onEvaluation("smile", null, new Object[] {what, result});
            }
        }
    }

    /** {@code Read.object(Path)}: a model read back, not data. */
    public static final class ReadObject {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Argument(0) Object path, @Advice.Thrown Throwable error) {
            if (error == null) {
                RunLedger.onModelRead("smile", path);
            }
        }
    }

    /** {@code Write.object(Serializable, Path)}. */
    public static final class WriteObject {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Argument(0) Object model, @Advice.Argument(1) Object path, @Advice.Thrown Throwable error) {
            RunLedger.onModelWritten("smile", model, path, error);
        }
    }
}
