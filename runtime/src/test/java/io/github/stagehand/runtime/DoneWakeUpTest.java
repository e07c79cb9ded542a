package io.github.stagehand.runtime;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Closing {@code done} wakes a thread that is about to park, on any number of carriers: the bare
 * {@code Channel} + {@code Done} code of the Channel Javadoc, with no {@link StageScope} whose
 * interrupt would wake the thread anyway.
 *
 * <p>Each round binds a few channels to a fresh {@code done}, starts a virtual thread sending
 * {@code 0, 1, 2, ...} and one receiving in a loop on each, then closes {@code done} from this
 * (platform) thread after a random 0-200 µs; every loop must end. Before the fix, on the JVM's
 * default two carriers, a waiter could see {@code done} open, then publish its parked flag after
 * {@code done}'s listener had read it as "not parked" and skipped the unpark, and stay parked for
 * good: with one pair per round, 1 round in a few hundred to ten thousand. On one carrier the waker
 * always unparked, and this test passes either way there.
 */
class DoneWakeUpTest {
    private static final int ROUNDS = 3_000;

    /** Pairs per round: each close of {@code done} races with this many hand-offs at once. */
    private static final int PAIRS = 4;

    /** Far beyond a round's length (microseconds); only a thread that never wakes reaches it. */
    private static final Duration ROUND_GUARD = Duration.ofSeconds(5);

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 1})
    void closingDoneEndsEverySenderAndReceiverInEveryRound(int capacity) throws Exception {
        SplittableRandom random = new SplittableRandom();
        for (int round = 0; round < ROUNDS; round++) {
            // given senders and receivers handing off through channels bound to one done
            Done done = new Done();
            List<Thread> threads = new ArrayList<>();
            for (int pair = 0; pair < PAIRS; pair++) {
                Channel<Integer> channel = new Channel<>(capacity, done);
                threads.add(
                        Thread.ofVirtual().name("sender#" + pair).start(() -> sendAll(channel)));
                threads.add(
                        Thread.ofVirtual()
                                .name("receiver#" + pair)
                                .start(() -> receiveAll(channel)));
            }
            // when done closes at a random moment of their hand-offs
            long pause = random.nextLong(200_000);
            long until = System.nanoTime() + pause;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            done.close();
            // then every one of them wakes and ends
            for (Thread thread : threads) {
                if (!thread.join(ROUND_GUARD)) {
                    String stack =
                            Arrays.stream(thread.getStackTrace())
                                    .map(frame -> "\n\tat " + frame)
                                    .collect(Collectors.joining());
                    threads.forEach(Thread::interrupt);
                    fail(
                            "round "
                                    + round
                                    + " (done closed after "
                                    + TimeUnit.NANOSECONDS.toMicros(pause)
                                    + " µs, "
                                    + Parking.CARRIERS
                                    + " carriers): "
                                    + thread.getName()
                                    + " still waits on a closed done"
                                    + stack);
                }
            }
        }
    }

    private static void sendAll(Channel<Integer> channel) {
        try {
            for (int i = 0; ; i++) {
                channel.send(i);
            }
        } catch (CancelledException e) {
            // case <-done: return
        }
    }

    private static void receiveAll(Channel<Integer> channel) {
        try {
            while (channel.receive() != null) {}
        } catch (CancelledException e) {
            // case <-done: return
        }
    }
}
