package io.runledger.instrument;

import io.runledger.config.Config;
import io.runledger.instrument.dl4j.Dl4jInstrumentation;
import io.runledger.instrument.smile.SmileInstrumentation;
import io.runledger.instrument.tribuo.TribuoInstrumentation;
import io.runledger.util.Log;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.utility.JavaModule;

import java.lang.instrument.Instrumentation;
import java.util.concurrent.ConcurrentHashMap;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;

/**
 * Builds and installs the ByteBuddy transformer for every enabled framework. Advice only: no class
 * format changes, so it works with retransformation; type descriptions come from class files (never by
 * loading classes), so matching cannot deadlock or initialise anything.
 */
public final class Instrumenter {

    private Instrumenter() {
    }

    public static ResettableClassFileTransformer install(Instrumentation inst, Config config, boolean retransform) {
        ClassFileLocator advice = ClassFileLocator.ForClassLoader.of(Instrumenter.class.getClassLoader());
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
                // one parse per class file, shared by matching and transforming (cleared with the agent's loader)
                .with(new AgentBuilder.PoolStrategy.WithTypePoolCache.Simple(new ConcurrentHashMap<>()))
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(retransform ? AgentBuilder.RedefinitionStrategy.RETRANSFORMATION : AgentBuilder.RedefinitionStrategy.DISABLED)
                .with(new Failures())
                .ignore(not(nameStartsWith("org.deeplearning4j.").or(nameStartsWith("org.nd4j.")).or(nameStartsWith("org.datavec."))
                        .or(nameStartsWith(TribuoInstrumentation.PACKAGE)).or(nameStartsWith(SmileInstrumentation.PACKAGE))
                        .or(io.runledger.instrument.jdbc.JdbcInstrumentation.drivers())));
        if (config.instrumentationEnabled("dl4j")) {
            builder = Dl4jInstrumentation.apply(builder, advice);
        }
        if (config.instrumentationEnabled("tribuo")) {
            builder = TribuoInstrumentation.apply(builder, advice);
        }
        if (config.instrumentationEnabled("smile")) {
            builder = SmileInstrumentation.apply(builder, advice);
        }
        if (config.instrumentationEnabled("jdbc")) {
            builder = io.runledger.instrument.jdbc.JdbcInstrumentation.apply(builder, advice);
        }
        return builder.installOn(inst);
    }

    /** A class we could not instrument keeps working as it is; we say so once. */
    private static final class Failures extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
            Log.warnOnce("instrument:" + typeName, "could not instrument " + typeName + " (" + error + "); that capture is skipped");
        }

        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded, DynamicType dynamicType) {
        }
    }
}
