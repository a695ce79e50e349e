package io.runledger.instrument;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an {@code int} advice parameter that receives the {@link io.runledger.bootstrap.CallDepth} slot
 * named by {@link #value()}: advice classes that share a name share a depth counter (e.g. a model's
 * {@code save} calling the serializer's {@code writeModel}). Bound to a constant when the advice is woven.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Depth {
    /** The counter's name, by convention {@code <module>.<family>}. */
    String value();
}
