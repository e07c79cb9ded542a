package io.github.stagehand.runtime.internal;

import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.PipelineClock;
import io.github.stagehand.runtime.Received;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The rate of one stage ({@code @Stage(rate = "100/s")}), shared by its workers: Go's {@code
 * rate.Limiter} with a burst of one, whose {@code Wait(ctx)} each worker calls before each call of
 * the stage's method. The generated code makes one per run of the stage and hands it to each
 * worker's loop:
 *
 * <pre>{@code
 * RateLimiter limiter = new RateLimiter(scope.done(), checkRateElements, checkRatePer);
 * ...
 * new WorkerIn<>(in, checkWorkers, results).map("check", n -> Api.check(n), results, limiter);
 * }</pre>
 *
 * <p>The n-th call (from 0) begins no earlier than {@code start + n * per / elements}, {@code
 * start} being when the first call asked. The schedule is kept as an absolute time, the next
 * call's, advanced by the exact period in whole nanoseconds plus a fraction of {@code 1 /
 * denominator} nanoseconds: no rounding builds up, however long the run and however high the rate
 * (a period of {@code per.toMillis() / elements} would be 0 above 1,000 per second). A call that
 * asks after its time has come begins at once, so a worker that woke late is caught up by the calls
 * after it and the average rate stays the one asked for. A stage that fell behind the schedule by
 * more than the longer of one period and {@link #CATCH_UP_NANOS} (its input ran dry, say) starts a
 * new schedule at that call instead of bursting to catch up.
 *
 * <p>A worker waits for its turn with {@link Done#sleep} on the run's clock, outside the lock; the
 * lock is held only to claim a turn (a few arithmetic operations and one reading of the clock).
 * Before it waits, a worker hands on the results it holds.
 *
 * <p>Invariants: {@code schedule} is read and written only under {@code lock}; see {@link Schedule}
 * for its own.
 */
public final class RateLimiter {
    /** How far a stage may fall behind its schedule and still catch up: 100 ms. */
    static final long CATCH_UP_NANOS = 100_000_000;

    private final Done done;
    private final PipelineClock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Schedule schedule; // guarded by lock

    /**
     * A limit of {@code elements} calls per {@code per}, waiting on {@code done}'s clock.
     *
     * @throws IllegalArgumentException if {@code elements < 1}, or above {@code Long.MAX_VALUE /
     *     2}, or {@code per} is not positive
     */
    public RateLimiter(Done done, long elements, Duration per) {
        this.done = Objects.requireNonNull(done, "done");
        this.clock = done.clock();
        this.schedule = new Schedule(elements, per);
    }

    /** Waits for the calling worker's turn. */
    public void acquire() {
        acquire(null);
    }

    /**
     * Waits for the calling worker's turn, handing on what {@code held} holds first if it has to
     * wait (null: nothing held).
     *
     * @throws io.github.stagehand.runtime.CancelledException when {@code done} is closed at the
     *     wait or closes during it, as {@link Done#sleep} does
     */
    public void acquire(WorkerOut<?> held) {
        long now;
        long due;
        lock.lock();
        try {
            now = clock.nanoTime();
            due = schedule.claim(now);
        } finally {
            lock.unlock();
        }
        long wait = due - now;
        if (wait > 0) {
            if (held != null) {
                held.flush(); // results go on while this worker waits
            }
            done.sleep(Duration.ofNanos(wait));
            WorkerStats stats = WorkerStats.current();
            if (stats != null) {
                stats.rateWaited(clock.nanoTime() - now);
            }
        }
    }

    /**
     * {@code in} as a stream or sink stage with a rate receives from it: each element it returns
     * has waited for its turn first, so the stage begins at most the rate's elements per unit,
     * whatever it does with them. The end of the input and a timeout take no turn.
     */
    public <T> In<T> in(In<T> in) {
        Objects.requireNonNull(in, "in");
        return new In<>() {
            @Override
            public T receive() {
                T value = in.receive();
                if (value != null) {
                    acquire(); // limiter.Wait(ctx), before the stage begins the element
                }
                return value;
            }

            @Override
            public Received<T> receive(Duration timeout) {
                Received<T> received = in.receive(timeout);
                if (received instanceof Received.Element<T>) {
                    acquire();
                }
                return received;
            }
        };
    }

    /**
     * The schedule itself, without a clock or a lock: the arithmetic of turns, exact however long
     * the run. Not thread-safe; {@link RateLimiter} guards it.
     *
     * <p>Invariants: {@code 0 <= fraction < denominator}; once {@code started}, {@code next +
     * fraction / denominator} nanoseconds is the earliest time the next turn may begin, and only
     * grows.
     */
    static final class Schedule {
        private final long whole; // the period's whole nanoseconds
        private final long remainder; // and its fraction, in 1/denominator ns
        private final long denominator;
        private final long catchUp;
        private boolean started;
        private long next;
        private long fraction;

        Schedule(long elements, Duration per) {
            if (elements < 1 || elements > Long.MAX_VALUE / 2) {
                throw new IllegalArgumentException(
                        "a rate needs at least 1 element per period: " + elements);
            }
            if (per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException("a rate's period must be positive: " + per);
            }
            long nanos = BatchIn.saturatedNanos(per);
            long gcd = gcd(nanos, elements);
            long numerator = nanos / gcd;
            this.denominator = elements / gcd;
            this.whole = numerator / denominator;
            this.remainder = numerator % denominator;
            this.catchUp = Math.max(CATCH_UP_NANOS, remainder == 0 ? whole : whole + 1);
        }

        /** Claims the next turn for a call that asks at {@code now}; answers when it may begin. */
        long claim(long now) {
            if (!started || now - next > catchUp) {
                started = true; // the first call, or one after the input ran dry: a new schedule
                next = now;
                fraction = 0;
            }
            long due = next;
            next += whole;
            fraction += remainder;
            if (fraction >= denominator) {
                fraction -= denominator;
                next++;
            }
            return due;
        }

        private static long gcd(long a, long b) {
            while (b != 0) {
                long t = a % b;
                a = b;
                b = t;
            }
            return a;
        }
    }
}
