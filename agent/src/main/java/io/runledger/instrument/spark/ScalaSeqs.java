package io.runledger.instrument.spark;

import io.runledger.util.Reflect;

import java.util.ArrayList;
import java.util.List;

/** Scala collections read through their iterators by reflection (the agent does not link Scala). */
final class ScalaSeqs {

    private ScalaSeqs() {
    }

    /** The first {@code max} elements of a Scala collection (or a Java array); empty for anything else. */
    static List<Object> list(Object collection, int max) {
        List<Object> out = new ArrayList<>();
        if (collection instanceof Object[]) {
            for (Object o : (Object[]) collection) {
                if (out.size() >= max) {
                    break;
                }
                out.add(o);
            }
            return out;
        }
        Object it = Reflect.call(collection, "iterator");
        while (it != null && out.size() < max && Boolean.TRUE.equals(Reflect.call(it, "hasNext"))) {
            out.add(Reflect.call(it, "next"));
        }
        return out;
    }
}
