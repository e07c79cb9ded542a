package io.github.stagehand.runtime;

import io.github.stagehand.runtime.internal.Outlet;
import io.github.stagehand.runtime.internal.RunOutlet;
import io.github.stagehand.runtime.internal.WorkerIn;
import io.github.stagehand.runtime.internal.WorkerStats;
import java.time.Duration;
import java.util.Objects;

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
 * CancelledException}, and so does every later one: after cancellation no stage takes new work. An
 * interrupt is noticed only by a call that waits: a thread interrupted while it waits in {@code
 * send} or {@code receive}, or interrupted before a call that has to wait, closes {@code done} with
 * an {@link InterruptedException} as cause (if it was still open), keeps its interrupt status, and
 * throws the same signal. A send into free buffer space, or a receive of a buffered element,
 * succeeds whatever the interrupt status, and leaves {@code done} open.
 *
 * <p>Like Go's {@code hchan}, it keeps a ring buffer and a queue of waiting threads (in {@link
 * ChannelState}, with the lock that guards them); a sender that finds a waiting receiver hands the
 * value straight to it, and a receiver that takes from a full buffer refills it from the waiting
 * senders. A run of values ({@link #sendRun}) that does not fit waits as one sender, filled in from
 * as room frees and woken once, when its last value is in. A waiter may spin briefly before it
 * parks, so that a partner about to arrive spares it the park and the unpark; it does so only while
 * spins have lately paid on this channel ({@code -Dstagehand.spins=0} turns spinning off).
 *
 * <p>Invariants (all under {@code lock}, whose fields these are):
 *
 * <ul>
 *   <li>{@code 0 <= count <= capacity}; the elements are {@code buffer[head .. head + count)}
 *       modulo {@code capacity}, oldest first.
 *   <li>The queued waiters are all senders or all receivers (in {@code chan.go}, at least one of
 *       {@code sendq} and {@code recvq} is empty). Receivers wait only while {@code count == 0};
 *       senders wait only while {@code count == capacity}.
 *   <li>A queued {@link Waiter} is {@code WAITING}; it leaves its queue exactly when its state
 *       changes, and only its owner thread reads its result after that.
 *   <li>Once {@code closed}, no waiter is queued and nothing more is accepted; the buffered
 *       elements can still be received.
 *   <li>Every waiter is queued before it first checks {@code done}, and {@code done}'s listener
 *       unparks every queued waiter after {@code done} is closed, whether it has parked yet or not
 *       (an unpark before the park leaves a permit that ends it), so no wake-up is lost.
 * </ul>
 *
 * @param <T> the element type; elements are never null
 */
public final class Channel<T> implements In<T>, Outlet<T> {
    /**
     * The most spins before a park. Measured side by side (docs/performance.md): a rendezvous
     * hand-off between two threads gains about 20% from them, the seed pipeline neither gains nor
     * loses, and a chain of threads that each wait once never spins (spins must pay to go on; ADR
     * 0008). {@code -Dstagehand.spins=0} turns spinning off, and so does a scheduler with one
     * carrier (ADR 0010), where the partner cannot come while this thread spins.
     */
    private static final int SPINS =
            Parking.CARRIERS > 1 ? Integer.getInteger("stagehand.spins", 128) : 0;

    /** How many waits in a row may spin in vain, after one whose spin paid, before spins stop. */
    private static final int SPIN_CREDIT = 16;

    /** While spins do not pay, one wait in this many (a power of two) still tries a spin. */
    private static final int PROBE_EVERY_MASK = 32 - 1;

    /** What {@link #put} answers when the channel was closed before the send began. */
    private static final int REFUSED = -1;

    /** What a timed wait answers when it withdrew its waiter at the deadline. */
    private static final int TIMED_OUT = -2;

    static {
        // Link afterPark's call site before any thread parks (see afterPark).
        Waiter completed = new Waiter(null);
        completed.state = Waiter.COMPLETED;
        afterPark(null, completed);
    }

    private final int capacity;
    private final Done done;
    private final Object[] buffer;
    private final ChannelState lock = new ChannelState(); // the lock, and all it guards
    private final ChannelStats stats; // null unless the pipeline keeps statistics
    private final String name; // for snapshots: the stages it joins, or null
    private final VirtualClock virtual; // done's clock if it is a virtual one, else null

    // Adaptive spinning, read and written without synchronization (a lost update only moves a
    // heuristic): a wait spins while spinning has lately paid on this channel, else only as a
    // probe. A chain of threads that each wait once (Go's whispers) never spins; a hand-off
    // between two threads on two cores spins nearly every time.
    private int spinCredit;
    private int waits;

    /**
     * A channel of {@code capacity} elements (0 for unbuffered) whose operations end when {@code
     * done} closes.
     */
    public Channel(int capacity, Done done) {
        this(capacity, done, null, null);
    }

    /**
     * A channel as {@link #Channel(int, Done)}, named for snapshots, that records what it holds in
     * {@code stats} if that is not null.
     */
    Channel(int capacity, Done done, String name, ChannelStats stats) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
        this.done = Objects.requireNonNull(done, "done");
        this.virtual = done.clock() instanceof VirtualClock clock ? clock : null;
        this.buffer = new Object[capacity];
        this.stats = stats;
        this.name = name;
        if (stats != null) {
            stats.attach(this);
        }
        done.onClose(this::wakeAll);
    }

    /** The buffer size given at construction; 0 for a rendezvous channel. */
    public int capacity() {
        return capacity;
    }

    @Override
    public void send(T value) {
        int sent = put(value);
        if (sent != Waiter.COMPLETED) {
            throw new IllegalStateException(
                    sent == REFUSED ? "send on closed channel" : "channel closed while sending");
        }
    }

    /**
     * Sends {@code value} as {@link #send} does, but answers false where {@code send} throws {@link
     * IllegalStateException}: when the channel is closed on entry, or closed while this thread
     * waits (by a receiver that leaves it, or by its senders' {@code close}).
     */
    @Override
    public boolean sendOrClosed(T value) {
        return put(value) == Waiter.COMPLETED;
    }

    /**
     * The one send path: {@link Waiter#COMPLETED} once a receiver or the buffer took {@code value},
     * {@link #REFUSED} when the channel was closed on entry, {@link Waiter#CLOSED} when it was
     * closed while this thread waited. Throws the cancellation signal as {@link #send} documents.
     * Small enough that the compiler inlines it into both callers.
     */
    private int put(T value) {
        if (value == null) {
            throw nullSent();
        }
        Waiter waiter;
        Waiter receiver;
        lock.lock();
        try {
            if (done.isClosed()) {
                throw CancelledException.INSTANCE;
            }
            if (lock.closed) {
                return REFUSED;
            }
            Waiter r = lock.pollReceiver();
            if (r != null) {
                r.item = value; // straight to the waiting receiver
                r.state = Waiter.COMPLETED;
                receiver = r;
                waiter = null;
            } else if (lock.count < capacity) {
                buffer[index(lock.count)] = value;
                lock.count++;
                filled();
                receiver = null;
                waiter = null;
            } else {
                receiver = null;
                waiter = new Waiter(value);
                lock.addSender(waiter);
            }
        } finally {
            lock.unlock();
        }
        if (waiter == null) { // taken by a waiting receiver or by the buffer
            if (receiver != null) {
                Parking.wake(receiver);
            }
            sent(1); // counted after unlocking: statistics never lengthen the lock's hold
            return Waiter.COMPLETED;
        }
        int outcome = await(waiter, true);
        if (outcome == Waiter.COMPLETED) {
            sent(1);
        }
        return outcome;
    }

    @Override
    public T receive() {
        Waiter waiter;
        Waiter sender = null;
        Object value;
        lock.lock();
        try {
            if (done.isClosed()) {
                throw CancelledException.INSTANCE;
            }
            if (lock.count > 0) {
                value = buffer[lock.head];
                buffer[lock.head] = null;
                lock.head = index(1);
                lock.count--;
                sender = refill(); // the buffer has room again: take the waiting senders' values
                waiter = null;
            } else {
                Waiter s = lock.pollSender(); // capacity 0: take the value from the sender itself
                if (s != null) {
                    value = s.item;
                    sender = complete(s);
                    waiter = null;
                } else if (lock.closed) {
                    return null;
                } else {
                    value = null;
                    waiter = new Waiter(null);
                    lock.addReceiver(waiter);
                }
            }
        } finally {
            lock.unlock();
        }
        wakeChain(sender);
        if (waiter != null) {
            value = await(waiter, false) == Waiter.COMPLETED ? waiter.item : null;
        }
        if (value != null) {
            received(1);
        }
        @SuppressWarnings("unchecked")
        T element = (T) value;
        return element;
    }

    @Override
    public Received<T> receive(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        Waiter waiter = null;
        Waiter sender = null;
        Object value = null;
        lock.lock();
        try {
            if (done.isClosed()) {
                throw CancelledException.INSTANCE;
            }
            if (lock.count > 0) {
                value = buffer[lock.head];
                buffer[lock.head] = null;
                lock.head = index(1);
                lock.count--;
                sender = refill();
            } else {
                Waiter s = lock.pollSender();
                if (s != null) {
                    value = s.item;
                    sender = complete(s);
                } else if (lock.closed) {
                    return new Received.End<>();
                } else if (!timeout.isZero()) {
                    waiter = new Waiter(null);
                    lock.addReceiver(waiter);
                }
            }
        } finally {
            lock.unlock();
        }
        wakeChain(sender);
        if (waiter != null) {
            // the clock is read only by a receive that waits; read after queueing, the wait
            // can only come out longer than the timeout, never shorter
            int outcome =
                    virtual != null
                            ? awaitVirtual(waiter, virtual.deadline(Done.saturatedNanos(timeout)))
                            : awaitTimed(waiter, System.nanoTime(), Done.saturatedNanos(timeout));
            if (outcome == TIMED_OUT) {
                return new Received.Timeout<>();
            }
            if (outcome != Waiter.COMPLETED) {
                return new Received.End<>(); // closed while it waited
            }
            value = waiter.item;
        } else if (value == null) {
            return new Received.Timeout<>(); // a zero timeout, and nothing there
        }
        received(1);
        @SuppressWarnings("unchecked")
        T element = (T) value;
        return new Received.Element<>(element);
    }

    /**
     * Receives a run: waits as {@link #receive} does until an element is there, then moves up to
     * {@code into.length} of the buffered ones into {@code into} under one lock acquisition, and
     * answers how many (0 at the end of the stream). {@code receivers} is how many workers share
     * this channel: a run takes at most their share of what is buffered (at least one element), so
     * that one worker does not take what idle workers beside it could start on. Senders waiting on
     * the full buffer refill it, and are woken after the lock is released. Unbuffered, a run is one
     * element. Throws the cancellation signal as {@link #receive} documents.
     */
    int receiveRun(Object[] into, int receivers) {
        Waiter woken = null; // the senders whose values the buffer took, linked through next
        int n;
        lock.lock();
        try {
            if (done.isClosed()) {
                throw CancelledException.INSTANCE;
            }
            n = lock.count == 0 ? 0 : Math.min(into.length, Math.max(1, lock.count / receivers));
            for (int i = 0; i < n; i++) {
                into[i] = buffer[lock.head];
                buffer[lock.head] = null;
                lock.head = index(1);
            }
            lock.count -= n;
            woken = refill();
        } finally {
            lock.unlock();
        }
        wakeChain(woken);
        if (n > 0) {
            received(n);
            return n;
        }
        T value = receive(); // empty: wait as one receive does (a rendezvous, or the end)
        if (value == null) {
            return 0;
        }
        into[0] = value;
        return 1;
    }

    /**
     * As {@link #receiveRun}, but never waits: moves up to {@code max} buffered elements (at most
     * the share of {@code receivers}, at least one) into {@code into} from {@code from}, and
     * answers how many: 0 when none is buffered, also at the end of the stream. A batch's worker
     * takes what is there this way, and waits only when nothing is
     * (docs/adr/0022-time-attributes.md). Unbuffered, it takes nothing: the caller waits as one
     * receive does. Throws the cancellation signal as {@link #receive} documents.
     */
    int pollRun(Object[] into, int from, int max, int receivers) {
        Waiter woken;
        int n;
        lock.lock();
        try {
            if (done.isClosed()) {
                throw CancelledException.INSTANCE;
            }
            n = lock.count == 0 ? 0 : Math.min(max, Math.max(1, lock.count / receivers));
            for (int i = from; i < from + n; i++) {
                into[i] = buffer[lock.head];
                buffer[lock.head] = null;
                lock.head = index(1);
            }
            lock.count -= n;
            woken = n == 0 ? null : refill();
        } finally {
            lock.unlock();
        }
        wakeChain(woken);
        if (n > 0) {
            received(n);
        }
        return n;
    }

    /** This channel as an outlet that takes runs of values, for a worker's {@code WorkerOut}. */
    RunOutlet runs() {
        return new ChannelRuns(this);
    }

    int runCapacity() {
        return Math.min(WorkerIn.RUN, capacity);
    }

    void sendRun(Object[] items, int n) {
        if (!sendRunOrClosed(items, n)) {
            throw new IllegalStateException("send on closed channel");
        }
    }

    /**
     * Sends {@code items[0 .. n)} in order, as that many {@link #sendOrClosed} calls would, leaving
     * the array as it is: waiting receivers and free buffer space take as many as they can under
     * one lock acquisition, and the receivers are woken after it is released. What does not fit
     * waits as one sender: receivers move it in as they free room, and the sender wakes once, when
     * the last value is in. (Unbuffered, the rest go one at a time, each a rendezvous.) Answers
     * false, dropping the rest, once the channel is closed; throws the cancellation signal as
     * {@link #send} does.
     */
    boolean sendRunOrClosed(Object[] items, int n) {
        int i = 0;
        while (i < n) {
            Waiter woken = null; // the receivers handed an item, linked through next
            Waiter waiter = null;
            int from = i;
            lock.lock();
            try {
                if (done.isClosed()) {
                    throw CancelledException.INSTANCE;
                }
                if (lock.closed) {
                    return false;
                }
                for (; i < n; i++) {
                    Waiter r = lock.pollReceiver();
                    if (r != null) {
                        r.item = items[i]; // straight to a waiting receiver
                        r.state = Waiter.COMPLETED;
                        r.next = woken;
                        woken = r;
                    } else if (lock.count < capacity) {
                        buffer[index(lock.count)] = items[i];
                        lock.count++;
                    } else {
                        break;
                    }
                }
                filled();
                if (i < n && capacity > 0) {
                    // the buffer is full (so no receiver waits): the rest of the run waits as one
                    // sender, moved in by receivers as room frees, and wakes once all of it is in
                    waiter = new Waiter(items, i, n);
                    lock.addSender(waiter);
                }
            } finally {
                lock.unlock();
            }
            wakeChain(woken);
            sent(i - from);
            if (waiter != null) {
                return awaitRun(waiter, i);
            }
            if (i < n) {
                @SuppressWarnings("unchecked")
                T value = (T) items[i++];
                if (put(value) != Waiter.COMPLETED) { // unbuffered: one rendezvous
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Lock not held. Wakes the completed waiters linked from {@code first} through {@code next},
     * which nothing else reads once they are dequeued.
     */
    private static void wakeChain(Waiter first) {
        for (Waiter w = first; w != null; ) {
            Waiter next = w.next;
            w.next = null;
            Parking.wake(w);
            w = next;
        }
    }

    /**
     * Waits until receivers have moved the rest of a run in, as {@link #sendRunOrClosed} does, and
     * counts what they moved from {@code from}, where the waiting run began (not the waiter's
     * {@code runNext} now: receivers may have moved some in already, under the lock).
     */
    private boolean awaitRun(Waiter waiter, int from) {
        boolean completed = await(waiter, true) == Waiter.COMPLETED;
        sent(waiter.runNext - from); // as far as receivers moved it in
        return completed;
    }

    // The statistics hooks: each a test of one field when the pipeline keeps none, and small, so
    // that the send and receive paths stay within what the compiler inlines into their callers.

    /** Precondition: lock held. The buffer's count grew (statistics: the most it held). */
    private void filled() {
        if (stats != null) {
            stats.filled(lock.count);
        }
    }

    /** Counts {@code n} elements sent by the calling worker, if the pipeline keeps statistics. */
    private void sent(int n) {
        if (stats != null) {
            WorkerStats worker = WorkerStats.current();
            if (worker != null) {
                worker.sent(n);
            }
        }
    }

    /** Counts {@code n} elements received by the calling worker, if statistics are kept. */
    private void received(int n) {
        if (stats != null) {
            WorkerStats worker = WorkerStats.current();
            if (worker != null) {
                worker.received(n);
            }
        }
    }

    /** How many elements the buffer holds, read without the lock (statistics and snapshots). */
    int bufferedNow() {
        return lock.count;
    }

    /** Whether the pipeline keeps statistics of this channel. */
    boolean observed() {
        return stats != null;
    }

    /** The channel's name in statistics and snapshots, or "a channel" if it has none. */
    String name() {
        return name == null ? "a channel" : name;
    }

    /**
     * How {@code thread} waits here, for a snapshot: "sending on NAME (3 of 4 buffered)", or null
     * if it does not wait in this channel.
     */
    String describeWait(Thread thread) {
        String way;
        int count;
        lock.lock();
        try {
            way = lock.waitOf(thread);
            count = lock.count;
        } finally {
            lock.unlock();
        }
        if (way == null) {
            return null;
        }
        return (way.equals("sending") ? "sending on " : "receiving from ")
                + name()
                + " ("
                + count
                + " of "
                + capacity
                + " buffered)";
    }

    /** The {@code done} this channel's operations end on. */
    Done done() {
        return done;
    }

    /** Why a null cannot be sent, naming the thread (a stage worker is named after its stage). */
    static NullPointerException nullSent() {
        return new NullPointerException(
                Thread.currentThread().getName()
                        + " sent null; channel elements are never null (receive() returns null"
                        + " for the end of the stream). Send only real values: to skip an"
                        + " element, do not send it");
    }

    /**
     * Precondition: lock held, {@code 0 <= offset <= capacity}. The slot {@code offset} after
     * {@code head}.
     */
    private int index(int offset) {
        int i = lock.head + offset;
        return i < capacity ? i : i - capacity;
    }

    /**
     * Precondition: lock held. Refills the buffer from the waiting senders, oldest first, as far as
     * it has room: a single value at once, a run sender's values as many as fit. Returns the
     * senders whose values are all in, dequeued and completed and linked through {@code next}, for
     * the caller to wake after unlocking. A run sender with values left stays queued (the buffer is
     * full again) and is not woken: it wakes once, when its last value is in, not once per value.
     */
    private Waiter refill() {
        Waiter woken = null;
        for (Waiter s; lock.count < capacity && (s = lock.peekSender()) != null; ) {
            if (s.run == null) {
                buffer[index(lock.count)] = s.item;
                lock.count++;
            } else {
                while (lock.count < capacity && s.runNext < s.runEnd) {
                    buffer[index(lock.count)] = s.run[s.runNext++];
                    lock.count++;
                }
                if (s.runNext < s.runEnd) {
                    break;
                }
            }
            lock.pollSender();
            complete(s).next = woken;
            woken = s;
        }
        filled();
        return woken;
    }

    /**
     * Precondition: lock held, {@code sender} dequeued. Marks it sent; the caller wakes it after
     * unlocking.
     */
    private static Waiter complete(Waiter sender) {
        sender.item = null;
        sender.state = Waiter.COMPLETED;
        return sender;
    }

    /**
     * Waits, lock not held, until {@code waiter} is completed or closed; returns which. Spins a
     * little, then parks. When {@code done} closes or the thread is interrupted first, withdraws
     * the waiter and throws the cancellation signal.
     */
    private int await(Waiter waiter, boolean sending) {
        WorkerStats worker = stats == null ? null : WorkerStats.current();
        if (worker == null) {
            return awaitUntimed(waiter);
        }
        worker.beginWait(sending, this);
        try {
            return awaitUntimed(waiter);
        } finally {
            worker.endWait();
        }
    }

    /** {@link #await}'s wait itself: spins a little, then parks. */
    /**
     * As {@link #await}, for a receive that gives up {@code nanos} after {@code start} ({@link
     * System#nanoTime}): then it withdraws the waiter and answers {@link #TIMED_OUT}, unless a
     * sender completed it first. No spinning: a timed receive waits only when nothing is there.
     */
    private int awaitTimed(Waiter waiter, long start, long nanos) {
        WorkerStats worker = stats == null ? null : WorkerStats.current();
        if (worker == null) {
            return awaitUntil(waiter, start, nanos);
        }
        worker.beginWait(false, this);
        try {
            return awaitUntil(waiter, start, nanos);
        } finally {
            worker.endWait();
        }
    }

    private int awaitUntil(Waiter waiter, long start, long nanos) {
        while (true) {
            int state = waiter.state;
            if (state != Waiter.WAITING) {
                return state;
            }
            if (done.isClosed()) {
                withdraw(waiter, null);
            } else if (Thread.currentThread().isInterrupted()) {
                withdraw(
                        waiter, new InterruptedException("interrupted while waiting on a channel"));
            } else {
                long left = nanos - (System.nanoTime() - start); // no overflow, however long
                if (left > 0) {
                    Parking.parkNanos(waiter, this, left);
                } else if (withdrawnAtDeadline(waiter)) {
                    return TIMED_OUT;
                } // else a sender completed it, or a close ended it, meanwhile: its state says so
            }
        }
    }

    /**
     * As {@link #await}, on a {@link VirtualClock}: the wait is one the clock counts, no spinning,
     * and a timed one ({@code deadline} not {@link ClockWait#NONE}) ends when the clock reaches
     * {@code deadline}, which the clock wakes it for.
     */
    private int awaitVirtual(Waiter waiter, long deadline) {
        ClockWait wait = new ChannelWait(waiter, deadline);
        virtual.waiting(wait);
        try {
            while (true) {
                int state = waiter.state;
                if (state != Waiter.WAITING) {
                    return state;
                }
                if (done.isClosed()) {
                    withdraw(waiter, null);
                } else if (Thread.currentThread().isInterrupted()) {
                    withdraw(
                            waiter,
                            new InterruptedException("interrupted while waiting on a channel"));
                } else if (virtual.nanoTime() >= deadline) {
                    if (withdrawnAtDeadline(waiter)) {
                        return TIMED_OUT;
                    }
                } else {
                    Parking.park(waiter, this);
                }
            }
        } finally {
            virtual.running(wait);
        }
    }

    /** A channel waiter's wait, as a virtual clock sees it. */
    private final class ChannelWait extends ClockWait {
        private final Waiter waiter;

        ChannelWait(Waiter waiter, long deadline) {
            super(deadline);
            this.waiter = waiter;
        }

        @Override
        boolean ready(long now) {
            return waiter.state != Waiter.WAITING
                    || done.isClosed()
                    || thread.isInterrupted()
                    || now >= deadline;
        }
    }

    /** Takes a timed-out waiter off the queue; false if it was completed or closed first. */
    private boolean withdrawnAtDeadline(Waiter waiter) {
        lock.lock();
        try {
            if (waiter.state != Waiter.WAITING) {
                return false;
            }
            lock.remove(waiter);
            waiter.state = Waiter.CANCELLED;
            return true;
        } finally {
            lock.unlock();
        }
    }

    private int awaitUntimed(Waiter waiter) {
        if (virtual != null) {
            return awaitVirtual(waiter, ClockWait.NONE);
        }
        boolean spin = SPINS > 0 && (spinCredit > 0 || (++waits & PROBE_EVERY_MASK) == 0);
        for (int spins = spin ? SPINS : 0; waiter.state == Waiter.WAITING; spins--) {
            if (done.isClosed()) {
                withdraw(waiter, null);
            } else if (spins > 0 && !Parking.carriersBusy()) {
                Thread.onSpinWait();
            } else {
                if (spin && spinCredit > 0) {
                    spinCredit--; // this spin did not pay
                }
                Parking.park(waiter, this);
                return afterPark(this, waiter);
            }
        }
        if (spin && spinCredit != SPIN_CREDIT) {
            // the partner came while this thread spun; written only when it changes, so that two
            // threads handing off on two cores do not move this line between them
            spinCredit = SPIN_CREDIT;
        }
        return waiter.state;
    }

    /**
     * The rest of {@link #await}, from the first return from a park. It is a method of its own
     * because it first runs only when a parked thread wakes: when many threads park before any
     * wakes (a long pipeline starting), {@code await} is compiled while its after-park path has
     * never run, the compiler turns that path into a trap, and every parked thread would deoptimize
     * on its way out. Here the path is compiled from its own runs.
     */
    private static int afterPark(Channel<?> channel, Waiter waiter) {
        while (true) {
            int state = waiter.state;
            if (state != Waiter.WAITING) {
                return state;
            }
            if (channel.done.isClosed()) {
                channel.withdraw(waiter, null);
            } else if (Thread.currentThread().isInterrupted()) {
                channel.withdraw(
                        waiter, new InterruptedException("interrupted while waiting on a channel"));
            } else {
                Parking.park(waiter, channel);
            }
        }
    }

    /**
     * Takes {@code waiter} out of its queue unless a partner completed it meanwhile (then returns,
     * and the caller sees the new state); otherwise throws the cancellation signal, after closing
     * {@code done} with {@code interrupt} if there is one.
     */
    private void withdraw(Waiter waiter, InterruptedException interrupt) {
        lock.lock();
        try {
            if (waiter.state != Waiter.WAITING) {
                return;
            }
            lock.remove(waiter);
            waiter.state = Waiter.CANCELLED;
        } finally {
            lock.unlock();
        }
        if (interrupt != null) {
            done.close(interrupt);
        }
        throw CancelledException.INSTANCE;
    }

    /**
     * Closes the channel: Go's {@code close(out)}. Receivers get the remaining elements, then
     * {@code null}; a later send throws {@link IllegalStateException}. Closing twice is harmless.
     *
     * <p>A receiver may close it too, to leave: a stage that ends before its input did. The senders
     * waiting then wake, and they and later senders see the channel closed: {@link #send} throws,
     * {@link #sendOrClosed} answers false. What was buffered stays unread.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            lock.closed = true;
            lock.closeAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        lock.lock();
        try {
            return lock.closed;
        } finally {
            lock.unlock();
        }
    }

    /** Runs when {@code done} closes: every waiter wakes, sees it, and withdraws. */
    private void wakeAll() {
        lock.lock();
        try {
            lock.unparkAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "Channel[capacity="
                    + capacity
                    + ", count="
                    + lock.count
                    + ", closed="
                    + lock.closed
                    + "]";
        } finally {
            lock.unlock();
        }
    }
}
