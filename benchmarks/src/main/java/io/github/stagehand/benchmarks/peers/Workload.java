package io.github.stagehand.benchmarks.peers;

import java.util.Map;

/**
 * One workload written several ways: each variant is a whole run returning its result, and the
 * variant {@code loop} is the one every other result must equal. Closing it stops whatever the
 * variants started once for the JVM (Pekko's actor system).
 */
interface Workload extends AutoCloseable {
    /** One whole run of a variant. */
    @FunctionalInterface
    interface Run {
        Object apply() throws Exception;
    }

    /** Every variant by name, {@code loop} among them, in the order they take turns. */
    Map<String, Run> variants();

    /** Items each run handles, for an items/s figure; 0 when there is none. */
    long items();

    @Override
    void close();
}
