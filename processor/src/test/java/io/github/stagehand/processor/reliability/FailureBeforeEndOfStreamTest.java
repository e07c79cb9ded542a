package io.github.stagehand.processor.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.testing.compile.Compilation;
import io.github.stagehand.runtime.PipelineOutput;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The race the randomized pipelines found first: a stage that fails closes its outbound channel on
 * the way out ({@code defer close(out)}); if the consumer sees that close as the end of the stream
 * and closes {@code done} before the failure is recorded, the failure used to be dropped and a
 * partial result returned as if complete. A failure must be recorded before the channel closes, as
 * Go's MD5All sends its error before {@code close(paths)} runs.
 */
class FailureBeforeEndOfStreamTest {
    /**
     * {@code gen} sends 1 and 2, {@code fail} throws on 2; with {@code sink}, a sink collects the
     * rest.
     */
    private static String source(String owner, boolean sink) {
        return """
                package race;

                import io.github.stagehand.annotation.Stage;
                import io.github.stagehand.runtime.In;
                import io.github.stagehand.runtime.Out;
                import java.util.ArrayList;
                import java.util.List;

                public final class %s {
                    public static final IllegalStateException BOOM = new IllegalStateException("boom");

                    @Stage
                    static void gen(Out<Long> out) {
                        out.send(1L);
                        out.send(2L);
                    }

                    @Stage
                    static long fail(long v) {
                        if (v == 2) {
                            throw BOOM;
                        }
                        return v;
                    }
                %s}
                """
                .formatted(
                        owner,
                        !sink
                                ? ""
                                : """

                    @Stage
                    static List<Long> collect(In<Long> in) {
                        List<Long> all = new ArrayList<>();
                        for (Long v : in) {
                            all.add(v);
                        }
                        return all;
                    }
                """);
    }

    private static ClassLoader loader;

    @BeforeAll
    static void compile() {
        Compilation compilation =
                InMemoryJavac.compile(
                        Map.of(
                                "race.Race",
                                source("Race", false),
                                "race.SinkRace",
                                source("SinkRace", true)),
                        "-Xlint:all",
                        "-Werror");
        assertEquals(
                Compilation.Status.SUCCESS,
                compilation.status(),
                compilation.diagnostics().toString());
        loader = InMemoryJavac.load(compilation);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFailureThatEndedTheStreamIsThrownByItOrByClose() throws Exception {
        Class<?> owner = Class.forName("race.Race", true, loader);
        Method start = Class.forName("race.RacePipeline", true, loader).getMethod("start");
        Object boom = owner.getDeclaredField("BOOM").get(null);
        int lost = 0;
        for (int i = 0; i < 2_000; i++) {
            List<Long> received = new ArrayList<>();
            Throwable thrown = null;
            PipelineOutput<Long> out = (PipelineOutput<Long>) start.invoke(null);
            try {
                for (Long v : out) {
                    received.add(v);
                }
            } catch (RuntimeException streamed) {
                thrown = streamed; // the iteration ends by throwing the failure itself
            } finally {
                try {
                    ((AutoCloseable) out).close(); // and then close() does not throw it again
                } catch (Throwable t) {
                    assertSame(null, thrown, "thrown twice");
                    thrown = t;
                }
            }
            if (thrown == null) {
                lost++;
            } else {
                assertSame(boom, thrown);
            }
        }
        assertEquals(
                0, lost, "runs whose failure was dropped and whose partial output looked complete");
    }

    @Test
    void runRethrowsAFailureThatEndedTheSinksInput() throws Exception {
        Class<?> owner = Class.forName("race.SinkRace", true, loader);
        Method run = Class.forName("race.SinkRacePipeline", true, loader).getMethod("run");
        Object boom = owner.getDeclaredField("BOOM").get(null);
        int lost = 0;
        for (int i = 0; i < 2_000; i++) {
            try {
                run.invoke(null);
                lost++;
            } catch (InvocationTargetException e) {
                assertSame(boom, e.getCause());
            }
        }
        assertEquals(0, lost, "runs that returned a partial list although a stage failed");
    }
}
