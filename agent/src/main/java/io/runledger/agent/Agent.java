package io.runledger.agent;

import io.runledger.collect.CodeSourceRecorder;
import io.runledger.config.CaptureMode;
import io.runledger.config.Config;
import io.runledger.util.Log;
import io.runledger.util.RunIds;

import java.io.File;
import java.lang.instrument.Instrumentation;

/**
 * The agent's entry point inside the isolated class loader. Start-up does only cheap work on the main
 * thread — configuration and a code-source recorder; exit hooks and collection start when there is
 * something to record (at once with {@code capture=always}, else at the first training).
 */
public final class Agent {

    private static volatile RunRecorder current;

    private Agent() {
    }

    public static void start(String args, Instrumentation inst, boolean attached, File agentJar) {
        if (current != null) {
            Log.warn("agent already running in this JVM (run " + current.id() + "); nothing changed");
            return;
        }
        Config config = Config.load(args);
        for (String warning : config.warnings()) {
            Log.warn(warning);
        }
        if (!config.enabled()) {
            return;
        }
        CodeSourceRecorder codeSources = new CodeSourceRecorder();
        inst.addTransformer(codeSources, false);
        RunRecorder recorder = new RunRecorder(config, inst, codeSources, agentJar.toPath(), mainThread(attached), attached,
                RunIds.newId(System.currentTimeMillis()));
        current = recorder;
        if (config.capture() == CaptureMode.ALWAYS) {
            recorder.begin();
        }
    }

    private static Thread mainThread(boolean attached) {
        if (!attached) {
            return Thread.currentThread();   // premain runs on the thread that will run main
        }
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if ("main".equals(t.getName())) {
                return t;
            }
        }
        return null;
    }
}
