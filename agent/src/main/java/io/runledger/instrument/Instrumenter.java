package io.runledger.instrument;

import io.runledger.util.Log;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;

import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;

/**
 * Builds and installs one ByteBuddy transformer for the enabled modules. Advice only: no class format
 * changes, so it works with retransformation; type descriptions come from class files (never by loading
 * classes), so matching cannot deadlock or initialise anything. Classes outside every module's arming
 * prefixes are ignored before any matcher runs.
 */
public final class Instrumenter {

    private Instrumenter() {
    }

    public static ResettableClassFileTransformer install(Instrumentation inst, List<FrameworkModule> modules, boolean retransform) {
        return builder(modules, retransform).installOn(inst);
    }

    /** The transformer for {@code modules}, not registered: the {@link WovenClassCache} calls it for classes it does not know. */
    public static java.lang.instrument.ClassFileTransformer raw(List<FrameworkModule> modules) {
        return builder(modules, false).makeRaw();
    }

    private static AgentBuilder builder(List<FrameworkModule> modules, boolean retransform) {
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
                .ignore(not(armedBy(modules)));
        for (FrameworkModule module : modules) {
            builder = module.instrumentation().apply(builder, advice);
        }
        return builder;
    }

    private static ElementMatcher.Junction<TypeDescription> armedBy(List<FrameworkModule> modules) {
        ElementMatcher.Junction<TypeDescription> any = ElementMatchers.none();
        for (FrameworkModule module : modules) {
            for (String prefix : module.armingPrefixes()) {
                any = any.or(nameStartsWith(prefix.replace('/', '.')));
            }
        }
        return any;
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
