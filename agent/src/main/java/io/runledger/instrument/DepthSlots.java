package io.runledger.instrument;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out {@link io.runledger.bootstrap.CallDepth} slots by name and binds {@link Depth} parameters to
 * them. The bootstrap class only sees integers, so it never changes when a module is added.
 */
final class DepthSlots implements Advice.OffsetMapping.Factory<Depth> {

    static final DepthSlots INSTANCE = new DepthSlots();

    private static final Map<String, Integer> SLOTS = new ConcurrentHashMap<>();

    private DepthSlots() {
    }

    /** The slot for {@code name}, the same for every caller in this JVM. */
    static int slot(String name) {
        return SLOTS.computeIfAbsent(name, n -> SLOTS.size());
    }

    @Override
    public Class<Depth> getAnnotationType() {
        return Depth.class;
    }

    @Override
    public Advice.OffsetMapping make(ParameterDescription.InDefinedShape target, AnnotationDescription.Loadable<Depth> annotation,
                                     AdviceType adviceType) {
        if (!target.getType().represents(int.class)) {
            throw new IllegalStateException("@Depth needs an int parameter: " + target);
        }
        String name = annotation.getValue("value").resolve(String.class);
        return new Advice.OffsetMapping.ForStackManipulation(IntegerConstant.forValue(slot(name)),
                TypeDescription.ForLoadedType.of(int.class).asGenericType(), target.getType(), Assigner.Typing.STATIC);
    }
}
