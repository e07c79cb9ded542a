package io.github.stagehand.runtime;

import io.github.stagehand.runtime.internal.Merge;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jetbrains.lincheck.Lincheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Explores the interleavings of channels, {@code done} and merges on small scenarios with
 * Lincheck's model checker, which runs each scenario under many schedules, switching threads at
 * every shared-memory access and lock operation. The scenarios assert that nothing is lost, doubled
 * or reordered, and that every blocked send and receive ends once {@code done} closes. A wake-up
 * missing altogether is not theirs to find: Lincheck's {@code park} may return spuriously whenever
 * the schedule calls for it, so it takes a missing unpark for a late one. The functional tests
 * ({@code ChannelTest}'s hang guard) catch that (docs/reliability.md).
 *
 * <p>Lincheck runs in its own surefire execution (it attaches an agent that instruments {@code
 * java.util.concurrent}). It does not support virtual threads, so {@link StageScope}, which forks
 * them, is covered by the randomized pipelines in the processor module instead; here every thread
 * is a platform thread. {@link OrderedMerge} is left to those pipelines and {@code
 * OrderedMergeTest} too: Lincheck lets {@code park} return spuriously and then takes one lane
 * retrying {@code ReentrantLock.acquire} while the other parks in the channel for a livelock, even
 * after the channel's close has unparked the lane that holds the lock. Schedules per scenario:
 * {@code -Dstagehand.stress.schedules=N} (the stress profile raises it).
 */
@Tag("stress")
class ChannelScheduleTest {
    private static final Map<String, Long> EXPLORED = new TreeMap<>();

    private static int budget() {
        return Integer.getInteger(
                "stagehand.stress.schedules", Boolean.getBoolean("stagehand.stress") ? 1_500 : 100);
    }

    /** Runs {@code scenario} under Lincheck and records how many schedules it ran. */
    private static void explore(String name, Runnable scenario) {
        AtomicLong invocations = new AtomicLong();
        Lincheck.runConcurrentTest(
                budget(),
                () -> {
                    invocations.incrementAndGet();
                    scenario.run();
                });
        synchronized (EXPLORED) {
            EXPLORED.merge(name, invocations.get(), Long::sum);
        }
    }

    @AfterAll
    static void report() {
        long total = EXPLORED.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder text =
                new StringBuilder(
                        "# schedules ("
                                + (Boolean.getBoolean("stagehand.stress")
                                        ? "stress"
                                        : "default run")
                                + ")\nschedules.per.scenario.budget="
                                + budget()
                                + "\nschedules.explored="
                                + total
                                + "\n");
        EXPLORED.forEach(
                (name, count) ->
                        text.append("schedules.")
                                .append(name)
                                .append('=')
                                .append(count)
                                .append('\n'));
        System.out.print(text);
        try {
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "reliability"));
            java.nio.file.Files.writeString(
                    java.nio.file.Path.of("target", "reliability", "schedules.properties"), text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---- helpers
    // ---------------------------------------------------------------------------------

    private static Thread start(Runnable body) {
        Thread thread = new Thread(body);
        thread.start();
        return thread;
    }

    private static void join(Thread... threads) {
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    /**
     * Sends {@code values}, then closes; records which sends returned. Ends quietly on
     * cancellation.
     */
    private static Runnable sender(
            Channel<Integer> channel, List<Integer> acknowledged, int... values) {
        return () -> {
            try {
                for (int v : values) {
                    channel.send(v);
                    acknowledged.add(v);
                }
            } catch (CancelledException e) {
                // case <-done: return
            } finally {
                channel.close();
            }
        };
    }

    /** Receives until the end of the stream or cancellation. */
    private static Runnable receiver(In<Integer> channel, List<Integer> received) {
        return () -> {
            try {
                for (Integer v; (v = channel.receive()) != null; ) {
                    received.add(v);
                }
            } catch (CancelledException e) {
                // case <-done: return
            }
        };
    }

    /** Runs {@code send}, then counts its sender ended in {@code merge}, however it ends. */
    private static Runnable mergedInto(Merge merge, Runnable send) {
        return () -> {
            try {
                send.run();
            } finally {
                merge.workerDone();
            }
        };
    }

    /** Runs a blocking channel call; counts it if it ended by cancellation. */
    private static Runnable countingCancellation(Runnable call, AtomicInteger cancelled) {
        return () -> {
            try {
                call.run();
            } catch (CancelledException e) {
                cancelled.incrementAndGet();
            }
        };
    }

    // ---- scenarios
    // -------------------------------------------------------------------------------

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 1})
    void sendReceiveCloseDeliversEverythingInOrder(int capacity) {
        explore(
                "sendReceiveClose.capacity" + capacity,
                () -> {
                    Channel<Integer> channel = new Channel<>(capacity, new Done());
                    List<Integer> acknowledged = new CopyOnWriteArrayList<>();
                    List<Integer> received = new CopyOnWriteArrayList<>();
                    Thread s = start(sender(channel, acknowledged, 1, 2));
                    Thread r = start(receiver(channel, received));
                    join(s, r);
                    check(received.equals(List.of(1, 2)), "received " + received);
                });
    }

    @Test
    void twoSendersTwoReceiversThroughAMergeLoseAndDoubleNothing() {
        explore(
                "merge.twoByTwo",
                () -> {
                    Channel<Integer> channel = new Channel<>(1, new Done());
                    Merge merge = new Merge(channel, 2);
                    List<Integer> received = new CopyOnWriteArrayList<>();
                    Thread a = start(mergedInto(merge, () -> channel.send(1)));
                    Thread b = start(mergedInto(merge, () -> channel.send(2)));
                    Thread c = start(receiver(channel, received));
                    Thread d = start(receiver(channel, received));
                    join(a, b, c, d);
                    List<Integer> sorted = new ArrayList<>(received);
                    Collections.sort(sorted);
                    check(sorted.equals(List.of(1, 2)), "received " + received);
                });
    }

    @Test
    void aRunLongerThanTheBufferWaitsAsOneSenderAndArrivesWholeInOrder() {
        explore(
                "runs.sendRunReceive",
                () -> {
                    // a run of 3 into a buffer of 1 beside a single send of 9: the run's rest waits
                    // as one sender, which receivers fill in from
                    Channel<Integer> channel = new Channel<>(1, new Done());
                    Merge merge = new Merge(channel, 2);
                    List<Integer> received = new CopyOnWriteArrayList<>();
                    Thread run =
                            start(
                                    mergedInto(
                                            merge,
                                            () -> channel.sendRun(new Object[] {1, 2, 3}, 3)));
                    Thread single = start(mergedInto(merge, () -> channel.send(9)));
                    Thread r = start(receiver(channel, received));
                    join(run, single, r);
                    List<Integer> ofRun = received.stream().filter(v -> v < 9).toList();
                    check(ofRun.equals(List.of(1, 2, 3)), "received " + received);
                    check(received.size() == 4 && received.contains(9), "received " + received);
                });
    }

    @Test
    void doneRacingARunThatWaitsEndsItAndKeepsAPrefix() {
        explore(
                "runs.cancelRace",
                () -> {
                    Done done = new Done();
                    Channel<Integer> channel = new Channel<>(1, done);
                    List<Integer> received = new CopyOnWriteArrayList<>();
                    Thread run =
                            start(
                                    () -> {
                                        try {
                                            channel.sendRun(new Object[] {1, 2, 3}, 3);
                                        } catch (CancelledException e) {
                                            // done closed while the run waited
                                        } finally {
                                            channel.close();
                                        }
                                    });
                    Thread r = start(receiver(channel, received));
                    Thread c = start(done::close);
                    join(run, r, c);
                    // every thread ended (no wake-up lost), and what arrived is the run's prefix
                    check(
                            List.of(1, 2, 3).subList(0, received.size()).equals(received),
                            "received " + received);
                });
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 1})
    void doneRacingSendAndReceiveEndsBothAndKeepsAPrefix(int capacity) {
        explore(
                "cancelRace.capacity" + capacity,
                () -> {
                    Done done = new Done();
                    Channel<Integer> channel = new Channel<>(capacity, done);
                    List<Integer> acknowledged = new CopyOnWriteArrayList<>();
                    List<Integer> received = new CopyOnWriteArrayList<>();
                    Thread s = start(sender(channel, acknowledged, 1, 2, 3));
                    Thread r = start(receiver(channel, received));
                    Thread c = start(done::close);
                    join(s, r, c);
                    check(
                            List.of(1, 2, 3).subList(0, received.size()).equals(received),
                            "received " + received);
                    if (capacity == 0) {
                        // a rendezvous send returns only once its value was taken
                        check(
                                received.containsAll(acknowledged),
                                "acknowledged " + acknowledged + " but received " + received);
                    }
                    check(
                            acknowledged.containsAll(received),
                            "received " + received + " but acknowledged " + acknowledged);
                });
    }

    @Test
    void closeWakesEveryBlockedReceiver() {
        explore(
                "closeWakesReceivers",
                () -> {
                    Channel<Integer> channel = new Channel<>(0, new Done());
                    List<Integer> received = new CopyOnWriteArrayList<>();
                    Thread a = start(receiver(channel, received));
                    Thread b = start(receiver(channel, received));
                    Thread c = start(channel::close);
                    join(a, b, c);
                    check(received.isEmpty(), "received " + received);
                });
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 1})
    void aReceiverThatLeavesIsToldToEverySenderAndLosesNothingTheyWereToldWasSent(int capacity) {
        explore(
                "receiverLeaves.capacity" + capacity,
                () -> {
                    // two senders answer through sendOrClosed; the receiver takes one value and
                    // closes the channel from its side
                    Channel<Integer> channel = new Channel<>(capacity, new Done());
                    List<Integer> sent = new CopyOnWriteArrayList<>();
                    Runnable first = () -> sendOrClosed(channel, 1, sent);
                    Runnable second = () -> sendOrClosed(channel, 2, sent);
                    List<Integer> received = new ArrayList<>();
                    Thread s1 = start(first);
                    Thread s2 = start(second);
                    Thread r =
                            start(
                                    () -> {
                                        received.add(channel.receive());
                                        channel.close();
                                    });
                    join(s1, s2, r);
                    // whatever was acknowledged was received, or is still in the buffer
                    List<Integer> left = new ArrayList<>(sent);
                    left.removeAll(received);
                    check(
                            sent.containsAll(received) && left.size() <= capacity,
                            "sent " + sent + ", received " + received);
                });
    }

    private static void sendOrClosed(Channel<Integer> channel, int value, List<Integer> sent) {
        if (channel.sendOrClosed(value)) {
            sent.add(value);
        }
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 1})
    void doneWakesEveryBlockedSender(int capacity) {
        explore(
                "doneWakesSenders.capacity" + capacity,
                () -> {
                    Done done = new Done();
                    Channel<Integer> channel = new Channel<>(capacity, done);
                    AtomicInteger cancelled = new AtomicInteger();
                    Runnable send =
                            () -> {
                                try {
                                    channel.send(7);
                                    channel.send(8);
                                } catch (CancelledException e) {
                                    cancelled.incrementAndGet();
                                }
                            };
                    Thread a = start(send);
                    Thread b = start(send);
                    Thread c = start(done::close);
                    join(a, b, c);
                    // nobody receives: with capacity 1 at most one send completes, so both senders
                    // end cancelled
                    check(cancelled.get() == 2, "cancelled " + cancelled.get());
                });
    }

    /**
     * Done closes by {@code close(cause)} from a third thread, or by interrupting the blocked
     * receiver.
     */
    @ParameterizedTest(name = "done closed by {0}")
    @ValueSource(strings = {"close", "interrupt"})
    void closingDoneReleasesOneChannelsReceiverAndAnothersSender(String how) {
        explore(
                "doneBroadcast." + how,
                () -> {
                    Done done = new Done();
                    Channel<Integer> empty = new Channel<>(0, done);
                    Channel<Integer> full = new Channel<>(0, done);
                    AtomicInteger cancelled = new AtomicInteger();
                    Thread r = start(countingCancellation(empty::receive, cancelled));
                    Thread s = start(countingCancellation(() -> full.send(1), cancelled));
                    Thread c;
                    if (how.equals("close")) {
                        c = start(() -> done.close(new IllegalStateException("failed")));
                    } else {
                        r.interrupt(); // the interrupted receiver closes done with the
                        // InterruptedException
                        c = start(() -> {});
                    }
                    join(r, s, c);
                    check(cancelled.get() == 2, "cancelled " + cancelled.get());
                    Throwable cause = done.cause();
                    check(
                            how.equals("close")
                                    ? cause instanceof IllegalStateException
                                    : cause instanceof InterruptedException,
                            "cause " + cause);
                });
    }

    @Test
    void aChildCreatedWhileItsParentClosesEndsClosedWithTheParentsCause() {
        explore(
                "parentChild",
                () -> {
                    Done parent = new Done();
                    IllegalStateException cause = new IllegalStateException("parent failed");
                    AtomicReference<Done> child = new AtomicReference<>();
                    AtomicInteger listenerRuns = new AtomicInteger();
                    Thread a = start(() -> child.set(new Done(parent, null)));
                    Thread b = start(() -> parent.close(cause));
                    Thread c = start(() -> parent.onClose(listenerRuns::incrementAndGet));
                    join(a, b, c);
                    check(child.get().isClosed(), "child still open");
                    check(child.get().cause() == cause, "child cause " + child.get().cause());
                    check(listenerRuns.get() == 1, "listener ran " + listenerRuns.get() + " times");
                });
    }
}
