package io.github.stagehand.runtime;

import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A channel bound to a {@link Done}: Go's {@code make(chan T, capacity)} whose every send and
 * receive also selects on {@code <-done}, without paying for a general select. Capacity 0 is a
 * rendezvous: a send returns once a receiver has taken the value.
 *
 * <pre>{@code
 * Channel<Integer> out = new Channel<>(0, done);
 * Thread.ofVirtual().start(() -> {
 *     try {
 *         for (int n : nums) out.send(n);
 *     } catch (CancelledException e) {
 *         // done closed: return
 *     } finally {
 *         out.close();                        // defer close(out)
 *     }
 * });
 * for (Integer v : out) System.out.println(v);
 * }</pre>
 *
 * <p>When {@code done} closes, every blocked send and receive wakes and throws {@link
 * CancelledException}, and so does every later one: after cancellation no stage takes new work.
 * An interrupted thread does the same, after closing {@code done} with the {@link
 * InterruptedException} as cause if it was still open.
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>{@code 0 <= count <= items.length}; {@code items.length == max(capacity, 1)}; the elements
 *       are {@code items[head .. head + count)} modulo the length, oldest first.
 *   <li>{@code received <= sent}; a rendezvous sender whose element got ticket {@code t} returns
 *       normally only once {@code received >= t}.
 *   <li>Once {@code closed}, {@code sent} never grows: the remaining elements can still be
 *       received.
 *   <li>Every wait re-checks {@code done} under {@code lock}, and {@code done}'s listener signals
 *       under {@code lock}, so no wake-up is lost.
 * </ul>
 *
 * @param <T> the element type; elements are never null
 */
public final class Channel<T> implements In<T>, Out<T> {

    private final int capacity;
    private final Done done;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final Condition taken = lock.newCondition(); // rendezvous senders wait here
    private final Object[] items;
    private int head;
    private int count;
    private long sent;
    private long received;
    private boolean closed;

    /**
     * A channel of {@code capacity} elements (0 for unbuffered) whose operations end when {@code
     * done} closes.
     */
    public Channel(int capacity, Done done) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
        this.done = Objects.requireNonNull(done, "done");
        this.items = new Object[Math.max(capacity, 1)];
        done.onClose(this::wakeAll);
    }

    /** The buffer size given at construction; 0 for a rendezvous channel. */
    public int capacity() {
        return capacity;
    }

    @Override
    public void send(T value) {
        Objects.requireNonNull(value, "value");
        lock.lock();
        try {
            while (true) {
                if (done.isClosed()) {
                    throw CancelledException.INSTANCE;
                }
                if (closed) {
                    throw new IllegalStateException("send on closed channel");
                }
                if (count < items.length) {
                    break;
                }
                awaitOn(notFull);
            }
            items[(head + count) % items.length] = value;
            count++;
            long ticket = ++sent;
            notEmpty.signal();
            if (capacity == 0) {
                while (received < ticket) {
                    if (done.isClosed()) {
                        throw CancelledException.INSTANCE;
                    }
                    awaitOn(taken);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public T receive() {
        lock.lock();
        try {
            while (true) {
                if (done.isClosed()) {
                    throw CancelledException.INSTANCE;
                }
                if (count > 0) {
                    return dequeue();
                }
                if (closed) {
                    return null;
                }
                awaitOn(notEmpty);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Precondition: lock held, {@code count > 0}. */
    private T dequeue() {
        @SuppressWarnings("unchecked")
        T value = (T) items[head];
        items[head] = null;
        head = (head + 1) % items.length;
        count--;
        received++;
        notFull.signal();
        if (capacity == 0) {
            taken.signalAll();
        }
        return value;
    }

    /**
     * Closes the channel: Go's {@code close(out)}. Receivers get the remaining elements, then
     * {@code null}; a later send throws {@link IllegalStateException}. Closing twice is harmless.
     */
    public void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Precondition: lock held. Waits on {@code condition}; on interrupt, closes {@code done} (if
     * open), keeps the interrupt status and throws the cancellation signal.
     */
    private void awaitOn(Condition condition) {
        try {
            condition.await();
        } catch (InterruptedException e) {
            done.close(e);
            Thread.currentThread().interrupt();
            throw CancelledException.INSTANCE;
        }
    }

    /** Runs when {@code done} closes: every waiter re-checks and sees it. */
    private void wakeAll() {
        lock.lock();
        try {
            notEmpty.signalAll();
            notFull.signalAll();
            taken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "Channel[capacity=" + capacity + ", count=" + count + ", closed=" + closed + "]";
        } finally {
            lock.unlock();
        }
    }
}
