package io.runledger.instrument;

/**
 * A JVM started by a framework to work for another JVM's run (a Spark executor): the agent in it records
 * no run of its own, only what it ran on and read, for the run of {@code group} to list.
 */
public final class WorkerJvm {

    public final String framework;
    /** What ties it to the run that started it (Spark: the application id). */
    public final String group;
    /** Its id within the group (Spark: the executor id). */
    public final String id;

    public WorkerJvm(String framework, String group, String id) {
        this.framework = framework;
        this.group = group;
        this.id = id;
    }
}
