package io.github.stagehand.runtime.internal;

import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.Done;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The picture of who waits on whom in a running pipeline ({@link StageScope#snapshot}). A thread
 * parked in a channel has that channel as its park blocker, and the channel says which of its
 * queues the thread is in; every other wait is read from the thread's stack. Each thread is looked
 * at in turn, so the picture is not of one instant, but a hung pipeline holds still for it. Needs
 * no statistics.
 */
final class Snapshot {
    private Snapshot() {}

    /**
     * Who waits on whom, now: a header line, then one line per stage thread still alive, saying
     * whether it is blocked sending on a channel (named for the stages it joins, with how many of
     * its slots are full), blocked receiving from one, waiting for its turn at a tee, or in its
     * stage's own code, running or blocked there (with the frame it is at), for the live ones of
     * {@code threads}, the stage threads of {@code pipeline}.
     */
    static String of(String pipeline, List<Thread> threads, boolean doneClosed) {
        List<Thread> alive = threads.stream().filter(Thread::isAlive).toList();
        StringBuilder out =
                new StringBuilder(pipeline)
                        .append(": ")
                        .append(alive.size())
                        .append(alive.size() == 1 ? " stage thread" : " stage threads")
                        .append(" alive")
                        .append(doneClosed ? ", done closed" : "")
                        .append('\n');
        int width = 0;
        for (Thread thread : alive) {
            width = Math.max(width, thread.getName().length());
        }
        for (Thread thread : alive) {
            out.append("  ")
                    .append(thread.getName())
                    .append(" ".repeat(width - thread.getName().length() + 2))
                    .append(describe(thread))
                    .append('\n');
        }
        return out.toString();
    }

    /** One stage thread's line of the picture. */
    private static String describe(Thread thread) {
        if (LockSupport.getBlocker(thread) instanceof Channel<?> channel) {
            String wait = Access.API.describeWait(channel, thread);
            if (wait != null) {
                return "blocked " + wait;
            }
        }
        StackTraceElement[] stack = thread.getStackTrace();
        String user = null;
        for (StackTraceElement frame : stack) {
            String type = frame.getClassName();
            if (type.equals(Tee.class.getName()) && frame.getMethodName().startsWith("lock")) {
                return "blocked waiting for its turn at a tee (another worker of its stage sends)";
            }
            if (type.equals(Channel.class.getName()) && frame.getMethodName().startsWith("await")) {
                return "in a send or receive, about to block";
            }
            if (type.equals(Done.class.getName())
                    && (frame.getMethodName().equals("sleep")
                            || frame.getMethodName().startsWith("await"))) {
                return "sleeping in Done.sleep or Done.await, until its time comes or done closes";
            }
            if (user == null
                    && !type.startsWith("java.")
                    && !type.startsWith("jdk.")
                    && !type.startsWith("sun.")
                    && !type.startsWith(StageScope.class.getPackageName() + ".")) {
                user = frame.toString();
            }
        }
        String at = user == null ? "" : ", at " + user;
        return thread.getState() == Thread.State.RUNNABLE
                ? "running its stage's code" + at
                : "blocked in its stage's code (" + thread.getState() + ")" + at;
    }
}
