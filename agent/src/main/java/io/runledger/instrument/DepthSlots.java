package io.runledger.instrument;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * Hands out {@link io.runledger.bootstrap.CallDepth} slots by name and binds {@link Depth} parameters to
 * them. The bootstrap class only sees integers, so it never changes when a module is added.
 */
final class DepthSlots implements Advice.OffsetMapping.Factory<Depth> {

    static final DepthSlots INSTANCE = new DepthSlots();

    /**
     * Every module's counter names, sorted: a name's slot is its position, the same in every JVM of one
     * agent build (woven classes are cached across JVMs with the slot in their code, so a slot handed out
     * in order of first use would differ between a cached class and one woven now).
     */
    private static final List<String> NAMES = names();

    private DepthSlots() {
    }

    private static List<String> names() {
        TreeSet<String> all = new TreeSet<>();
        for (FrameworkModule m : Modules.all().values()) {
            all.addAll(m.depthNames());
        }
        return new ArrayList<>(all);
    }

    /** The slot for {@code name}; a name no module declares is a programming error. */
    static int slot(String name) {
        int slot = Collections.binarySearch(NAMES, name);
        if (slot < 0) {
            throw new IllegalStateException("call-depth counter '" + name + "' is not declared by any module's depthNames()");
        }
        return slot;
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
