package io.github.stagehand.runtime.internal;

import static io.github.stagehand.runtime.TestThreads.awaitBlocked;
import static io.github.stagehand.runtime.TestThreads.joinOrFail;
import static io.github.stagehand.runtime.TestThreads.startCatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.runtime.CancelledException;
import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.Done;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Tee}: every branch receives every value once, all in one order, whatever the number of
 * concurrent senders; a branch whose consumer leaves is skipped and the others go on; and {@code
 * done} releases every sender, whether it waits on a branch or for another sender. The concurrent
 * tests repeat short rounds with random pauses in senders and receivers; they run bare channels and
 * a {@link Done}, with no {@link StageScope} whose interrupt would wake a thread anyway.
 */
// SEPARATE_THREAD: a test stuck in an uninterruptible join is abandoned, not waited for
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TeeTest {
    private static final int ROUNDS = 8;
    private static final int PER_SENDER = 100;

    /** A receiver that never leaves. */
    private static final int STAYS = -1;

    private final Done done = new Done();

    static Stream<Arguments> branchesSendersCapacities() {
        return IntStream.rangeClosed(1, 3)
                .boxed()
                .flatMap(
                        branches ->
                                IntStream.rangeClosed(1, 4)
                                        .boxed()
                                        .flatMap(
                                                senders ->
                                                        Stream.of(0, 3)
                                                                .map(
                                                                        capacity ->
                                                                                Arguments.of(
                                                                                        branches,
                                                                                        senders,
                                                                                        capacity))));
    }

    @ParameterizedTest(name = "{0} branches, {1} senders, capacity {2}")
    @MethodSource("branchesSendersCapacities")
    void everyBranchGetsEveryValueOnceAndAllInOneOrder(int branches, int senders, int capacity)
            throws InterruptedException {
        for (int round = 0; round < ROUNDS; round++) {
            // given senders sharing one tee, and a receiver on each branch that stays to the end
            int[] leaveAfter = new int[branches];
            Arrays.fill(leaveAfter, STAYS);

            // when they have all ended
            List<List<Integer>> received = runRound(senders, capacity, leaveAfter);

            // then each branch has every value once, in the order the others have them
            assertCompleteAndAlike(received, senders, leaveAfter);
        }
    }

    @ParameterizedTest(name = "{0} branches, {1} senders, capacity {2}")
    @MethodSource("branchesSendersCapacities")
    void runsReachEveryBranchOnceAndAllInOneOrder(int branches, int senders, int capacity)
            throws InterruptedException {
        for (int round = 0; round < ROUNDS; round++) {
            // given senders that each hand their values to the tee in runs (capacity 3: runs of 3)
            int[] leaveAfter = new int[branches];
            Arrays.fill(leaveAfter, STAYS);

            // when they have all ended, then each branch has every value once, in one order
            assertCompleteAndAlike(
                    runRound(senders, capacity, leaveAfter, true), senders, leaveAfter);
        }
    }

    @Test
    void aTeeTakesRunsNoLongerThanItsSmallestBranchBuffer() {
        assertEquals(
                3,
                new Tee<>(done, new Channel<Integer>(3, done), new Channel<>(16, done))
                        .runCapacity());
        assertEquals(
                0,
                new Tee<>(done, new Channel<Integer>(0, done), new Channel<>(16, done))
                        .runCapacity());
        assertEquals(
                WorkerIn.RUN, new Tee<>(done, new Channel<Integer>(1_000, done)).runCapacity());
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {2, 16})
    void aBranchThatLeavesEarlyDoesNotStopTheOthersTakingRuns(int capacity)
            throws InterruptedException {
        SplittableRandom random = new SplittableRandom();
        for (int round = 0; round < ROUNDS * 2; round++) {
            int senders = 1 + random.nextInt(3);
            int[] leaveAfter = {STAYS, random.nextInt(senders * PER_SENDER), STAYS};
            if (random.nextBoolean()) {
                leaveAfter[2] = random.nextInt(senders * PER_SENDER);
            }
            assertCompleteAndAlike(
                    runRound(senders, capacity, leaveAfter, true), senders, leaveAfter);
        }
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 2})
    void aBranchThatLeavesEarlyDoesNotStopTheOthers(int capacity) throws InterruptedException {
        SplittableRandom random = new SplittableRandom();
        for (int round = 0; round < ROUNDS * 2; round++) {
            // given three branches, one or two of whose receivers leave after a random count
            int senders = 1 + random.nextInt(3);
            int[] leaveAfter = {STAYS, random.nextInt(senders * PER_SENDER), STAYS};
            if (random.nextBoolean()) {
                leaveAfter[2] = random.nextInt(senders * PER_SENDER);
            }

            // when the senders send everything: none of them blocks for good (runRound joins them)
            List<List<Integer>> received = runRound(senders, capacity, leaveAfter);

            // then the branches that stayed got everything, the others what they took, in order
            assertCompleteAndAlike(received, senders, leaveAfter);
        }
    }

    @Test
    void aBranchThatLeavesWhileTheTeeWaitsOnItReleasesEverySender() throws Exception {
        // given two rendezvous branches, one drained by a receiver and one that nobody reads,
        // a sender stuck on the second and another sender waiting for the first
        Channel<Integer> read = new Channel<>(0, done);
        Channel<Integer> unread = new Channel<>(0, done);
        Tee<Integer> tee = new Tee<>(done, read, unread);
        List<Integer> received = new ArrayList<>();
        Thread receiver = Thread.ofVirtual().start(() -> read.forEach(received::add));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread first = startCatching("first", thrown, () -> tee.send(1));
        awaitBlocked(first);
        Thread second = startCatching("second", thrown, () -> tee.send(2));
        awaitBlocked(second);

        // when the consumer of the unread branch leaves it
        unread.close();

        // then both sends return, the branch that stayed has both values, and later sends go on
        joinOrFail(first);
        joinOrFail(second);
        assertNull(thrown.get());
        assertTrue(tee.sendOrClosed(3), "one branch is still there");
        read.close();
        joinOrFail(receiver);
        assertEquals(List.of(1, 2, 3), received);
        assertFalse(done.isClosed());
    }

    @ParameterizedTest(name = "{0} branches")
    @ValueSource(ints = {1, 3})
    void onceEveryBranchHasLeftSendsAreDropped(int branches) {
        List<Channel<Integer>> channels = channels(branches, 1);
        Tee<Integer> tee = new Tee<>(done, channels);
        channels.forEach(Channel::close);

        tee.send(1); // dropped, no exception
        assertFalse(tee.sendOrClosed(2));
        assertFalse(tee.sendOrClosed(3), "still false on a later call");
        for (Channel<Integer> channel : channels) {
            assertNull(channel.receive(), "a branch that left was sent nothing");
        }
    }

    @ParameterizedTest(name = "{0} branches")
    @ValueSource(ints = {1, 3})
    void droppedSendsStillEndOnceDoneIsClosed(int branches) {
        // a producer whose consumers all left must still stop when the pipeline ends
        List<Channel<Integer>> channels = channels(branches, 0);
        Tee<Integer> tee = new Tee<>(done, channels);
        channels.forEach(Channel::close);
        tee.send(1);

        done.close();

        assertThrows(CancelledException.class, () -> tee.send(2));
        assertThrows(CancelledException.class, () -> tee.sendOrClosed(3));
    }

    @ParameterizedTest(name = "{0} branches")
    @ValueSource(ints = {1, 2})
    void doneClosingWakesTheSenderOnABranchAndEverySenderWaitingForIt(int branches)
            throws InterruptedException {
        // given a branch that nobody reads, one sender stuck on it and three more behind it
        Tee<Integer> tee = new Tee<>(done, channels(branches, 0));
        List<AtomicReference<Throwable>> thrown = new ArrayList<>();
        List<Thread> senders = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            AtomicReference<Throwable> caught = new AtomicReference<>();
            thrown.add(caught);
            senders.add(startCatching("sender#" + s, caught, () -> tee.send(1)));
            awaitBlocked(senders.get(s));
        }

        // when done closes
        done.close();

        // then every one of them ends with the cancellation signal
        for (int s = 0; s < senders.size(); s++) {
            joinOrFail(senders.get(s));
            assertSame(Access.CANCELLED, thrown.get(s).get(), "sender#" + s);
        }
    }

    @Test
    void doneClosingAtAnyMomentEndsEverySenderAndReceiver() throws InterruptedException {
        SplittableRandom random = new SplittableRandom();
        for (int round = 0; round < 300; round++) {
            // given senders looping on one tee and receivers looping on its branches, each of
            // which may leave (and all of them may: then the senders' sends are dropped)
            Done roundDone = new Done();
            int branches = 1 + random.nextInt(3);
            List<Channel<Integer>> channels = channels(branches, random.nextInt(2), roundDone);
            Tee<Integer> tee = new Tee<>(roundDone, channels);
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < 1 + random.nextInt(3); s++) {
                threads.add(Thread.ofVirtual().name("sender#" + s).start(() -> sendForever(tee)));
            }
            for (int b = 0; b < branches; b++) {
                Channel<Integer> channel = channels.get(b);
                int leaveAfter = random.nextInt(3) == 0 ? random.nextInt(50) : STAYS;
                threads.add(
                        Thread.ofVirtual()
                                .name("receiver#" + b)
                                .start(() -> receiveUntilDone(channel, leaveAfter)));
            }

            // when done closes after a random 0-200 µs
            long until = System.nanoTime() + random.nextLong(200_000);
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            roundDone.close();

            // then every thread ends (a hang guard, not a timing)
            for (Thread thread : threads) {
                joinOrFail(thread);
            }
        }
    }

    @Test
    void anInterruptWhileWaitingForAnotherSenderClosesDoneWithItAsCause() throws Exception {
        // given a sender stuck on an unread branch, and one waiting for it
        Tee<Integer> tee = new Tee<>(done, channels(2, 0));
        AtomicReference<Throwable> firstThrew = new AtomicReference<>();
        Thread first = startCatching("first", firstThrew, () -> tee.send(1));
        awaitBlocked(first);
        AtomicReference<Throwable> secondThrew = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread second =
                startCatching(
                        "second",
                        secondThrew,
                        () -> {
                            try {
                                tee.send(2);
                            } finally {
                                stillInterrupted.set(Thread.currentThread().isInterrupted());
                            }
                        });
        awaitBlocked(second);

        // when the waiting one is interrupted
        second.interrupt();

        // then it closes done with the interrupt, keeps its status, and both senders end
        joinOrFail(second);
        joinOrFail(first);
        assertSame(Access.CANCELLED, secondThrew.get());
        assertTrue(stillInterrupted.get());
        assertInstanceOf(InterruptedException.class, done.cause());
        assertSame(Access.CANCELLED, firstThrew.get());
    }

    @Test
    void aSendThatNeedNotWaitIgnoresTheInterruptStatus() throws InterruptedException {
        List<Channel<Integer>> channels = channels(2, 1);
        Tee<Integer> tee = new Tee<>(done, channels);
        AtomicReference<Throwable> thrown = new AtomicReference<>();

        Thread sender =
                startCatching(
                        "sender",
                        thrown,
                        () -> {
                            Thread.currentThread().interrupt();
                            tee.send(1);
                        });

        joinOrFail(sender);
        assertNull(thrown.get());
        assertFalse(done.isClosed());
        assertEquals(1, channels.get(0).receive());
        assertEquals(1, channels.get(1).receive());
    }

    @Test
    void closeClosesEveryBranch() {
        List<Channel<Integer>> channels = channels(3, 0);
        Tee<Integer> tee = new Tee<>(done, channels);

        tee.close();
        tee.close();

        channels.forEach(channel -> assertTrue(channel.isClosed()));
    }

    @Test
    void nullIsRejectedNamingTheSendingThread() throws InterruptedException {
        Tee<Integer> tee = new Tee<>(done, channels(2, 1));
        AtomicReference<Throwable> thrown = new AtomicReference<>();

        joinOrFail(startCatching("ReportPipeline.parse#1", thrown, () -> tee.send(null)));

        assertInstanceOf(NullPointerException.class, thrown.get());
        assertTrue(thrown.get().getMessage().startsWith("ReportPipeline.parse#1 sent null"));
    }

    @Test
    void aTeeNeedsABranch() {
        assertThrows(IllegalArgumentException.class, () -> new Tee<Integer>(done, List.of()));
    }

    /**
     * One round: {@code senders} threads send {@code PER_SENDER} distinct values each through one
     * tee over {@code leaveAfter.length} branches of {@code capacity}, the last to end closing it;
     * branch {@code b}'s receiver leaves (closes its channel) after {@code leaveAfter[b]} values,
     * or stays to the end. Joins every thread; returns what each branch received.
     */
    private List<List<Integer>> runRound(int senders, int capacity, int[] leaveAfter)
            throws InterruptedException {
        return runRound(senders, capacity, leaveAfter, false);
    }

    /**
     * {@link #runRound(int, int, int[])}, each sender sending through a {@link WorkerOut} of its
     * own over the tee when {@code runs}, as a graph's map and flat workers do, flushed when it
     * ends.
     */
    private List<List<Integer>> runRound(int senders, int capacity, int[] leaveAfter, boolean runs)
            throws InterruptedException {
        List<Channel<Integer>> channels = channels(leaveAfter.length, capacity);
        Tee<Integer> tee = new Tee<>(done, channels);
        Merge merge = new Merge(senders, tee);
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int base = s * PER_SENDER;
            threads.add(
                    Thread.ofVirtual()
                            .name("sender#" + s)
                            .start(
                                    () -> {
                                        try {
                                            WorkerOut<Integer> results =
                                                    runs ? new WorkerOut<>(tee, done) : null;
                                            for (int i = 0; i < PER_SENDER; i++) {
                                                pause();
                                                if (runs) {
                                                    results.send(base + i);
                                                } else {
                                                    tee.send(base + i);
                                                }
                                            }
                                            if (runs) {
                                                results.flush();
                                            }
                                        } finally {
                                            merge.workerDone();
                                        }
                                    }));
        }
        List<List<Integer>> received = new ArrayList<>();
        for (int b = 0; b < leaveAfter.length; b++) {
            List<Integer> values = new ArrayList<>();
            received.add(values);
            Channel<Integer> channel = channels.get(b);
            int leave = leaveAfter[b];
            threads.add(
                    Thread.ofVirtual()
                            .name("receiver#" + b)
                            .start(
                                    () -> {
                                        for (Integer v;
                                                values.size() != leave
                                                        && (v = channel.receive()) != null; ) {
                                            values.add(v);
                                            pause();
                                        }
                                        channel.close(); // leaves, or closes a closed channel
                                    }));
        }
        for (Thread thread : threads) {
            joinOrFail(thread);
        }
        assertFalse(done.isClosed(), "nothing cancels a round");
        return received;
    }

    /**
     * The branches that stayed received every value once, each sender's in its order, and all in
     * one order; a branch that left received the first values of that order.
     */
    private static void assertCompleteAndAlike(
            List<List<Integer>> received, int senders, int[] leaveAfter) {
        List<Integer> order = null;
        for (int b = 0; b < leaveAfter.length; b++) {
            if (leaveAfter[b] == STAYS) {
                order = received.get(b);
            }
        }
        assertEquals(
                IntStream.range(0, senders * PER_SENDER).boxed().toList(),
                order.stream().sorted().toList(),
                "every value exactly once");
        int[] last = new int[senders];
        Arrays.fill(last, -1);
        for (int v : order) {
            assertTrue(v > last[v / PER_SENDER], "sender " + v / PER_SENDER + " out of order");
            last[v / PER_SENDER] = v;
        }
        for (int b = 0; b < leaveAfter.length; b++) {
            List<Integer> expected =
                    leaveAfter[b] == STAYS ? order : order.subList(0, leaveAfter[b]);
            assertEquals(expected, received.get(b), "branch " + b);
        }
    }

    private List<Channel<Integer>> channels(int count, int capacity) {
        return channels(count, capacity, done);
    }

    private static List<Channel<Integer>> channels(int count, int capacity, Done done) {
        List<Channel<Integer>> channels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            channels.add(new Channel<>(capacity, done));
        }
        return channels;
    }

    /** Sometimes lets another thread run, sometimes spins a little: varies the interleavings. */
    private static void pause() {
        int dice = ThreadLocalRandom.current().nextInt(16);
        if (dice == 0) {
            Thread.yield();
        } else if (dice == 1) {
            for (int i = ThreadLocalRandom.current().nextInt(200); i > 0; i--) {
                Thread.onSpinWait();
            }
        }
    }

    private static void sendForever(Tee<Integer> tee) {
        try {
            for (int i = 0; ; i++) {
                tee.send(i);
            }
        } catch (CancelledException e) {
            // case <-done: return
        }
    }

    private static void receiveUntilDone(Channel<Integer> channel, int leaveAfter) {
        try {
            for (int taken = 0; taken != leaveAfter; taken++) {
                channel.receive();
            }
            channel.close(); // leave the broadcast; the other branches go on
        } catch (CancelledException e) {
            // case <-done: return
        }
    }
}
