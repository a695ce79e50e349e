package io.runledger.instrument.tribuo;

import io.runledger.bootstrap.CallDepth;
import io.runledger.bootstrap.RunLedger;
import io.runledger.instrument.Depth;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Advice woven into Tribuo classes: bootstrap API calls only, never throws, outermost call only. */
public final class TribuoAdvice {

    private TribuoAdvice() {
    }

    /** Every {@code Trainer.train(..)} overload; a TransformTrainer's inner train is nested, so not recorded twice. */
    public static final class Train {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static long enter(@Depth("tribuo.train") int depth, @Advice.This Object trainer, @Advice.Origin("#m#s") String method, @Advice.AllArguments Object[] args) {
            if (CallDepth.enter(depth) == 0) {
                return RunLedger.onTrainingStart("tribuo", trainer, method, args);
            }
            return 0L;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Depth("tribuo.train") int depth, @Advice.Enter long handle, @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object model,
                                @Advice.Thrown Throwable error) {
            if (CallDepth.exit(depth) == 0 && handle != 0L) {
                RunLedger.onTrainingEnd(handle, model, error);
            }
        }
    }

    /** {@code AbstractEvaluator.evaluate(model, data..)}. */
    public static final class Evaluate {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Depth("tribuo.evaluate") int depth) {
            CallDepth.enter(depth);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Depth("tribuo.evaluate") int depth, @Advice.Argument(0) Object model, @Advice.Argument(1) Object data,
                                @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object evaluation, @Advice.Thrown Throwable error) {
            if (CallDepth.exit(depth) == 0 && error == null) {
                RunLedger.onEvaluation("tribuo", model, new Object[] {evaluation, data});
            }
        }
    }

    /** {@code Model.deserializeFromFile(Path)} (static, 4.3): a model read, not data. */
    public static final class ReadModel {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Argument(0) Object source, @Advice.Thrown Throwable error) {
            if (error == null) {
                RunLedger.onModelRead("tribuo", source);
            }
        }
    }

    /** {@code Model.serializeToFile(Path)} and {@code serializeToStream(OutputStream)}. */
    public static final class Serialize {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Depth("tribuo.save") int depth) {
            CallDepth.enter(depth);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Depth("tribuo.save") int depth, @Advice.This Object model, @Advice.Argument(0) Object target, @Advice.Thrown Throwable error) {
            if (CallDepth.exit(depth) == 0) {   // serializeToFile writes through serializeToStream
                RunLedger.onModelWritten("tribuo", model, target, error);
            }
        }
    }
}
