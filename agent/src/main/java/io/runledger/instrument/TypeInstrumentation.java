package io.runledger.instrument;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.ClassFileLocator;

/** A module's type matchers and advice, added to the agent's one ByteBuddy transformer. */
public interface TypeInstrumentation {

    /**
     * Adds this module's {@code type(..).transform(..)} pairs to {@code builder}; {@code advice} locates the
     * advice classes' bytes. Type matching must be by name (a string comparison per loaded class).
     */
    AgentBuilder apply(AgentBuilder builder, ClassFileLocator advice);
}
