package io.github.stagehand.runtime;

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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Channel#sendOrClosed}: a send that answers false where {@link Channel#send} throws {@link
 * IllegalStateException} (the channel is closed, before the send or while it waits, for instance by
 * a receiver that leaves), and that is cancelled by {@code done} exactly as {@code send} is.
 */
// SEPARATE_THREAD: a test stuck in an uninterruptible join is abandoned, not waited for
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SendOrClosedTest {

    private final Done done = new Done();

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 1})
    void deliversLikeSendWhileTheChannelIsOpen(int capacity) throws InterruptedException {
        // given an open channel and a receiver
        Channel<Integer> channel = new Channel<>(capacity, done);
        AtomicReference<Integer> received = new AtomicReference<>();
        Thread receiver = Thread.ofVirtual().start(() -> received.set(channel.receive()));

        // when a value is sent through sendOrClosed
        boolean sent = channel.sendOrClosed(42);

        // then it says so, and the receiver has the value
        assertTrue(sent);
        joinOrFail(receiver);
        assertEquals(42, received.get());
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 1})
    void answersFalseOnAClosedChannelWhereSendThrows(int capacity) {
        Channel<Integer> channel = new Channel<>(capacity, done);
        channel.close();

        assertFalse(channel.sendOrClosed(1));
        assertFalse(channel.sendOrClosed(2), "still false on a later call");
        assertThrows(IllegalStateException.class, () -> channel.send(3));
        assertNull(channel.receive(), "nothing was added by the refused sends");
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 1})
    void aReceiverThatLeavesWakesEveryWaitingSenderWithFalse(int capacity)
            throws InterruptedException {
        // given a channel with no room (unbuffered, or its one slot taken) and three blocked
        // senders
        Channel<Integer> channel = new Channel<>(capacity, done);
        if (capacity == 1) {
            assertTrue(channel.sendOrClosed(0));
        }
        List<Boolean> answers = new ArrayList<>();
        List<Thread> senders = new ArrayList<>();
        for (int s = 1; s <= 3; s++) {
            int value = s;
            senders.add(
                    Thread.ofVirtual()
                            .name("sender#" + s)
                            .start(
                                    () -> {
                                        boolean sent = channel.sendOrClosed(value);
                                        synchronized (answers) {
                                            answers.add(sent);
                                        }
                                    }));
        }
        senders.forEach(TestThreads::awaitBlocked);

        // when the receiver closes the channel from its side to leave it
        channel.close();

        // then every sender wakes and is told that nobody takes values here any more
        for (Thread sender : senders) {
            joinOrFail(sender);
        }
        assertEquals(List.of(false, false, false), answers);
        assertFalse(channel.sendOrClosed(4));
        assertFalse(done.isClosed(), "leaving a channel is not a cancellation");
    }

    @Test
    void sendStillThrowsWhenTheChannelClosesWhileItWaits() throws InterruptedException {
        Channel<Integer> channel = new Channel<>(0, done);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread sender = startCatching("sender", thrown, () -> channel.send(1));
        awaitBlocked(sender);

        channel.close();

        joinOrFail(sender);
        assertInstanceOf(IllegalStateException.class, thrown.get());
    }

    @ParameterizedTest(name = "channel closed too: {0}")
    @ValueSource(booleans = {false, true})
    void throwsTheCancellationSignalOnceDoneIsClosed(boolean channelClosed) {
        // given a closed done, and a channel that may also be closed
        Channel<Integer> channel = new Channel<>(1, done);
        if (channelClosed) {
            channel.close();
        }
        done.close();

        // then sendOrClosed cancels, as send does, rather than answer
        assertSame(
                CancelledException.INSTANCE,
                assertThrows(CancelledException.class, () -> channel.sendOrClosed(1)));
    }

    @Test
    void doneClosingWakesAWaitingSenderWithTheCancellationSignal() throws InterruptedException {
        Channel<Integer> channel = new Channel<>(0, done);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread sender = startCatching("sender", thrown, () -> channel.sendOrClosed(1));
        awaitBlocked(sender);

        done.close();

        joinOrFail(sender);
        assertSame(CancelledException.INSTANCE, thrown.get());
    }

    @Test
    void anInterruptedWaitClosesDoneWithTheInterruptAsCause() throws InterruptedException {
        Channel<Integer> channel = new Channel<>(0, done);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread sender =
                Thread.ofVirtual()
                        .start(
                                () -> {
                                    try {
                                        channel.sendOrClosed(1);
                                    } catch (Throwable t) {
                                        thrown.set(t);
                                        stillInterrupted.set(
                                                Thread.currentThread().isInterrupted());
                                    }
                                });
        awaitBlocked(sender);

        sender.interrupt();

        joinOrFail(sender);
        assertSame(CancelledException.INSTANCE, thrown.get());
        assertTrue(stillInterrupted.get(), "the interrupt status is kept");
        assertInstanceOf(InterruptedException.class, done.cause());
    }

    @Test
    void nullIsRejectedNamingTheSendingThread() throws InterruptedException {
        Channel<Integer> channel = new Channel<>(1, done);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread sender =
                startCatching("ReportPipeline.parse#0", thrown, () -> channel.sendOrClosed(null));
        joinOrFail(sender);

        assertInstanceOf(NullPointerException.class, thrown.get());
        assertTrue(
                thrown.get().getMessage().startsWith("ReportPipeline.parse#0 sent null"),
                thrown.get().getMessage());
    }
}
