package io.runledger.instrument;

import io.runledger.util.Log;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

/** Shared by the framework instrumentations. */
public final class AdviceSupport {

    private AdviceSupport() {
    }

    /**
     * Adds {@code adviceClass} to the methods {@code matcher} selects in {@code type}. When {@code required}
     * and the type has no such method (another framework version), that capture is skipped with one warning.
     * {@link Depth} parameters of the advice are bound to their call-depth slots here.
     */
    public static DynamicType.Builder<?> visit(DynamicType.Builder<?> builder, TypeDescription type, ClassFileLocator locator,
                                               String framework, Class<?> adviceClass,
                                               ElementMatcher<? super MethodDescription> matcher, boolean required) {
        if (type.getDeclaredMethods().filter(matcher).isEmpty()) {
            if (required) {
                Log.warnOnce(framework + ":" + type.getName() + ":" + adviceClass.getSimpleName(), framework + " " + type.getName()
                        + " has no method for " + adviceClass.getSimpleName() + " capture (unsupported version?); that capture is skipped");
            }
            return builder;
        }
        return builder.visit(Advice.withCustomMapping().bind(DepthSlots.INSTANCE).to(adviceClass, locator).on(matcher));
    }
}
