import java.lang.instrument.Instrumentation;

/** The baseline for start-up figures: a -javaagent that does nothing at all. */
public final class EmptyAgent {
    public static void premain(String args, Instrumentation inst) {
    }
}
