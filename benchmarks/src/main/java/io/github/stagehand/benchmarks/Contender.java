package io.github.stagehand.benchmarks;

import com.softwaremill.jox.ChannelClosed;
import com.softwaremill.jox.Select;
import com.softwaremill.jox.SelectClause;
import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.Done;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.SynchronousQueue;

/**
 * The channels the benchmarks compare, as JMH {@code @Param} values. Capacity 0 is a rendezvous,
 * Go's unbuffered channel; each contender takes the capacities it can honour and refuses the
 * others, so that a mistyped {@code -p} fails at once instead of measuring something else.
 *
 * <pre>{@code
 * @Param({"STAGEHAND", "SYNCHRONOUS_QUEUE", "LINKED_TRANSFER_QUEUE", "JOX"})
 * Contender contender;
 * ...
 * HandOff<Integer> channel = contender.create(0);
 * }</pre>
 */
public enum Contender {
    /** Stagehand's {@link Channel}: each send and receive also wakes when its done closes. */
    STAGEHAND {
        @Override
        <T> HandOff<T> create(int capacity) {
            Channel<T> channel = new Channel<>(capacity, new Done());
            return HandOff.of(channel::send, channel::receive);
        }
    },

    /** {@link SynchronousQueue} {@code put}/{@code take}: rendezvous only. */
    SYNCHRONOUS_QUEUE {
        @Override
        <T> HandOff<T> create(int capacity) {
            requireRendezvous(capacity);
            SynchronousQueue<T> queue = new SynchronousQueue<>();
            return HandOff.of(queue::put, queue::take);
        }
    },

    /** {@link ArrayBlockingQueue} {@code put}/{@code take}: buffered only. */
    ARRAY_BLOCKING_QUEUE {
        @Override
        <T> HandOff<T> create(int capacity) {
            requireBuffered(capacity);
            ArrayBlockingQueue<T> queue = new ArrayBlockingQueue<>(capacity);
            return HandOff.of(queue::put, queue::take);
        }
    },

    /**
     * {@link LinkedTransferQueue}: {@code transfer}/{@code take} at capacity 0, a rendezvous; at
     * any other capacity {@code put}/{@code take} on the queue, which has no bound: a reference for
     * what sending without backpressure costs, not a channel of that capacity.
     */
    LINKED_TRANSFER_QUEUE {
        @Override
        <T> HandOff<T> create(int capacity) {
            LinkedTransferQueue<T> queue = new LinkedTransferQueue<>();
            return capacity == 0
                    ? HandOff.of(queue::transfer, queue::take)
                    : HandOff.of(queue::put, queue::take);
        }
    },

    /** Jox's rendezvous or buffered channel, plain {@code send} and {@code receive}: no done. */
    JOX {
        @Override
        <T> HandOff<T> create(int capacity) {
            com.softwaremill.jox.Channel<T> channel = jox(capacity);
            return HandOff.of(channel::send, channel::receive);
        }
    },

    /**
     * Jox as the Go blog writes a stage: every send is {@code select(out.sendClause(v),
     * done.receiveClause())} with a {@code done} channel that stays open; receives are plain.
     */
    JOX_SELECT {
        @Override
        <T> HandOff<T> create(int capacity) {
            com.softwaremill.jox.Channel<T> channel = jox(capacity);
            com.softwaremill.jox.Channel<Void> done =
                    com.softwaremill.jox.Channel.newRendezvousChannel();
            HandOff.Sender<T> send =
                    value -> {
                        if (sendOrDone(channel.sendClause(value), done.receiveClause())) {
                            throw new IllegalStateException("done closed");
                        }
                    };
            return HandOff.of(send, channel::receive);
        }
    };

    /** A new channel of {@code capacity} elements, 0 for a rendezvous. */
    abstract <T> HandOff<T> create(int capacity);

    /** Jox's rendezvous channel for capacity 0, else its buffered channel. */
    static <T> com.softwaremill.jox.Channel<T> jox(int capacity) {
        return capacity == 0
                ? com.softwaremill.jox.Channel.newRendezvousChannel()
                : com.softwaremill.jox.Channel.newBufferedChannel(capacity);
    }

    /**
     * Go's {@code select { case out <- v: case <-done: }} in Jox; returns true when {@code done}
     * (or {@code out}) was closed instead of the value being sent.
     */
    @SuppressWarnings("unchecked") // Select.selectOrClosed is generic varargs without @SafeVarargs
    static boolean sendOrDone(SelectClause<Void> send, SelectClause<Void> done)
            throws InterruptedException {
        return Select.selectOrClosed(send, done) instanceof ChannelClosed;
    }

    private static void requireRendezvous(int capacity) {
        if (capacity != 0) {
            throw new IllegalArgumentException("a rendezvous only, not capacity " + capacity);
        }
    }

    private static void requireBuffered(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a buffer of at least 1, not capacity " + capacity);
        }
    }
}
