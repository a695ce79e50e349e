package io.runledger.agent;

import io.runledger.files.FileReads;
import io.runledger.collect.CodeSourceRecorder;
import io.runledger.config.CaptureMode;
import io.runledger.config.Config;
import io.runledger.files.FileReadFilter;
import io.runledger.instrument.FrameworkModule;
import io.runledger.instrument.Modules;
import io.runledger.instrument.WorkerJvm;
import io.runledger.collect.ProcessCollector;
import io.runledger.instrument.JdkFileHooks;
import io.runledger.instrument.ObjectStreamHook;
import io.runledger.instrument.PatchCache;
import io.runledger.instrument.FrameworkWatcher;
import io.runledger.instrument.Instrumenter;
import io.runledger.instrument.WovenClassCache;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import io.runledger.util.Log;
import io.runledger.util.RunIds;

import java.io.File;
import java.nio.file.Path;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;

/**
 * The agent's entry point inside the isolated class loader. Start-up does only cheap work on the main
 * thread — reading the configuration; exit hooks and collection start when there is
 * something to record (at once with {@code capture=always}, else at the first training).
 */
public final class Agent {

    private static volatile RunRecorder current;
    private static volatile PendingStart pendingStart;

    private Agent() {
    }

    /**
     * Set once an agent runs in this JVM. A second start (an attach) comes through a new isolated loader,
     * because the launcher keeps no reference to the first one; this string is how it learns the agent is there.
     */
    static final String ACTIVE_PROPERTY = "runledger.agent.active";

    public static void start(String args, Instrumentation inst, boolean attached, File agentJar) {
        Config config = Config.load(args);
        if (current != null || pendingStart != null || System.getProperty(ACTIVE_PROPERTY) != null) {
            Log.warn("agent already running in this JVM" + (current == null ? "" : " (run " + current.id() + ")") + "; nothing changed");
            reply(config, "ALREADY");
            return;
        }
        for (String warning : config.warnings()) {
            Log.warn(warning);
        }
        if (!config.enabled()) {
            return;
        }
        FileReads files = config.instrumentationEnabled("files") ? fileReads(config, inst, agentJar) : null;
        System.setProperty(ACTIVE_PROPERTY, "true");
        WorkerJvm worker = attached ? null : workerJvm(config);
        if (worker != null) {
            // a JVM working for another JVM's run (a Spark executor): its environment and reads, no run of its own
            ExecutorRecorder.start(config, worker, files, agentJar.toPath());
            reply(config, "STARTED");
            return;
        }
        if (files != null && !attached) {
            objectStreamHook(config, inst, agentJar);
        }
        pendingStart = new PendingStart(config, inst, agentJar, mainThread(attached), attached, files);
        List<FrameworkModule> modules = Modules.enabled(config);
        if (!modules.isEmpty()) {
            FrameworkWatcher watcher = new FrameworkWatcher(inst, modules, new Arming());
            // attached: frameworks already loaded are instrumented now (retransformation); the others when they load
            if (!attached || watcher.armLoaded(inst.getAllLoadedClasses())) {
                watcher.watch();
            }
        }
        reply(config, "STARTED");
        if (config.capture() == CaptureMode.ALWAYS) {
            recording();
        }
    }

    /** Who this JVM works for, when an enabled module's main class says it is one of its workers. */
    private static WorkerJvm workerJvm(Config config) {
        String main = ProcessCollector.mainClass();
        for (FrameworkModule m : Modules.enabled(config)) {
            WorkerJvm w = m.workerJvm(main, ProcessCollector::applicationArguments);
            if (w != null) {
                return w;
            }
        }
        return null;
    }

    /**
     * Starts watching the files the application reads through the JDK: the bootstrap API goes into the
     * boot loader and three JDK classes are retransformed now, in premain, because a legacy pipeline
     * reads its data before it trains. Costs a few milliseconds of plain ASM; nothing of ByteBuddy proper.
     */
    private static FileReads fileReads(Config config, Instrumentation inst, File agentJar) {
        long start = System.nanoTime();
        try {
            PatchCache patches = PatchCache.shared(agentJar);
            List<Path> own = Arrays.asList(config.dir(), PatchCache.defaultDir().toPath().getParent(), Config.userTempDir());   // jdk-patches and woven
            FileReads files = new FileReads(new FileReadFilter(
                    config.filesInclude(), config.filesExclude(), Collections.singletonList(agentJar.toPath()), own), config.filesMinSize(),
                    config.filesMax());
            BootstrapInjector.inject(inst, agentJar);
            BootstrapConnection.connect(files, null);
            JdkFileHooks.install(inst, patches);
            if (config.debug()) {
                Log.warn("file-read hooks installed in " + (System.nanoTime() - start) / 1000 + " us");
            }
            return files;
        } catch (Throwable t) {
            Log.warn("file-read capture unavailable (" + t + "); files read outside the frameworks are not recorded");
            return null;
        }
    }

    /**
     * Models saved with plain Java serialization (an enabled module says its framework does that): the
     * hook goes in now, before the program writes objects, so that its patch comes from the cache
     * ({@link ObjectStreamHook}). The bootstrap API is in the boot loader already (the file hooks put it there).
     */
    private static void objectStreamHook(Config config, Instrumentation inst, File agentJar) {
        try {
            if (Modules.javaSerializedModels(config)) {
                ObjectStreamHook.install(inst, PatchCache.shared(agentJar));
            }
        } catch (Throwable t) {
            Log.warn("java-serialization hook unavailable in premain (" + t + "); installed when recording begins");
        }
    }

    /** Tells the {@code attach} command what happened (a one-line file it named), if it asked. */
    private static void reply(Config config, String what) {
        if (config.attachReply().isEmpty()) {
            return;
        }
        try {
            io.runledger.ledger.AtomicFiles.write(java.nio.file.Paths.get(config.attachReply()),
                    (what + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8), false,
                    io.runledger.config.LedgerMode.PRIVATE);
        } catch (Exception e) {
            Log.warn("could not answer the attach command (" + e + ")");
        }
    }

    /**
     * The run's recorder, created and started on first use: at once with {@code capture=always}, else
     * when the first training entry point is reached. Null when the agent is disabled or not started.
     */
    static RunRecorder recording() {
        RunRecorder r = recorder();
        if (r != null) {
            r.begin();
        }
        return r;
    }

    /** The recorder, created (not begun) on first use. */
    private static RunRecorder recorder() {
        RunRecorder r = current;
        if (r != null) {
            return r;
        }
        synchronized (Agent.class) {
            PendingStart start = pendingStart;
            if (current == null && start != null) {
                current = start.recorder();
            }
            return current;
        }
    }

    /**
     * Called by the watcher at a module's first class: routes the bootstrap API to the recorder (once) and
     * installs that module's instrumentation. Recording itself begins at the first training.
     */
    private static final class Arming implements FrameworkWatcher.Arming {
        @Override
        public ClassFileTransformer arm(FrameworkModule module) {
            try {
                PendingStart start = pendingStart;
                RunRecorder r = recorder();
                if (r == null || start == null) {
                    return null;
                }
                r.connect();
                ClassFileTransformer installed;
                if (start.attached) {   // classes already loaded are retransformed: ByteBuddy's own redefinition
                    installed = Instrumenter.install(start.inst, Collections.singletonList(module), true);
                } else {                // woven classes from the cache where it knows them; ByteBuddy loads only for the others
                    installed = WovenClassCache.transformer(module, start.agentJar,
                            () -> Instrumenter.raw(Collections.singletonList(module)));
                    start.inst.addTransformer(installed, false);
                }
                r.prepareSoon();   // collect the environment while the program loads its data, not while it trains
                return installed;
            } catch (Throwable t) {
                Log.warn(module.name() + " instrumentation unavailable (" + t + "); its trainings will not be recorded");
                return null;
            }
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

    /** What premain learnt, kept until recording starts (a class, not a lambda: no indy bootstrap in premain). */
    private static final class PendingStart {
        private final Config config;
        private final Instrumentation inst;
        private final File agentJar;
        private final Thread mainThread;
        private final boolean attached;
        private final FileReads files;

        PendingStart(Config config, Instrumentation inst, File agentJar, Thread mainThread, boolean attached,
                     FileReads files) {
            this.files = files;
            this.config = config;
            this.inst = inst;
            this.agentJar = agentJar;
            this.mainThread = mainThread;
            this.attached = attached;
        }

        RunRecorder recorder() {
            return new RunRecorder(config, inst, new CodeSourceRecorder(inst), agentJar.toPath(), mainThread, attached,
                    RunIds.newId(System.currentTimeMillis()), files);
        }
    }
}
