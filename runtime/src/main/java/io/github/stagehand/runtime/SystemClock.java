package io.github.stagehand.runtime;

/** {@link PipelineClock#system()}: {@link System#nanoTime()}, with nothing to track. */
final class SystemClock extends PipelineClock {
    static final SystemClock INSTANCE = new SystemClock();

    private SystemClock() {}

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public String toString() {
        return "PipelineClock.system()";
    }
}
