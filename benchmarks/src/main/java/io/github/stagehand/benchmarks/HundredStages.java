package io.github.stagehand.benchmarks;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.Out;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A pipeline of a head and 100 map stages, for {@link CancellationLatencyBenchmark}: {@code gen}
 * emits 0, 1, 2, ... until cancelled, and each stage {@code s001} to {@code s100} adds one. {@code
 * HundredStagesPipeline} is generated from it. Every stage thread records itself, so that the
 * benchmark can check that none is alive after {@code close()}.
 *
 * <p>Made once by a script, then committed: everything down to {@code pass} is fixed text, and the
 * 100 stages after it were printed by this bash loop (then the closing brace):
 *
 * <pre>
 * for i in $(seq -f %03g 1 100); do
 *   printf '\n    @Stage\n    int s%s(int v) {\n        return pass(v);\n    }\n' "$i"
 * done
 * </pre>
 */
public final class HundredStages {
    /** Stages, the head included. */
    static final int STAGES = 101;

    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    /** The head: emits until {@code done} closes (the send then ends the stage). */
    @Stage
    void gen(Out<Integer> out) {
        threads.add(Thread.currentThread());
        for (int i = 0; ; i++) {
            out.send(i);
        }
    }

    /** Every stage thread that has run so far. */
    Set<Thread> threads() {
        return Set.copyOf(threads);
    }

    private int pass(int v) {
        threads.add(Thread.currentThread());
        return v + 1;
    }

    @Stage
    int s001(int v) {
        return pass(v);
    }

    @Stage
    int s002(int v) {
        return pass(v);
    }

    @Stage
    int s003(int v) {
        return pass(v);
    }

    @Stage
    int s004(int v) {
        return pass(v);
    }

    @Stage
    int s005(int v) {
        return pass(v);
    }

    @Stage
    int s006(int v) {
        return pass(v);
    }

    @Stage
    int s007(int v) {
        return pass(v);
    }

    @Stage
    int s008(int v) {
        return pass(v);
    }

    @Stage
    int s009(int v) {
        return pass(v);
    }

    @Stage
    int s010(int v) {
        return pass(v);
    }

    @Stage
    int s011(int v) {
        return pass(v);
    }

    @Stage
    int s012(int v) {
        return pass(v);
    }

    @Stage
    int s013(int v) {
        return pass(v);
    }

    @Stage
    int s014(int v) {
        return pass(v);
    }

    @Stage
    int s015(int v) {
        return pass(v);
    }

    @Stage
    int s016(int v) {
        return pass(v);
    }

    @Stage
    int s017(int v) {
        return pass(v);
    }

    @Stage
    int s018(int v) {
        return pass(v);
    }

    @Stage
    int s019(int v) {
        return pass(v);
    }

    @Stage
    int s020(int v) {
        return pass(v);
    }

    @Stage
    int s021(int v) {
        return pass(v);
    }

    @Stage
    int s022(int v) {
        return pass(v);
    }

    @Stage
    int s023(int v) {
        return pass(v);
    }

    @Stage
    int s024(int v) {
        return pass(v);
    }

    @Stage
    int s025(int v) {
        return pass(v);
    }

    @Stage
    int s026(int v) {
        return pass(v);
    }

    @Stage
    int s027(int v) {
        return pass(v);
    }

    @Stage
    int s028(int v) {
        return pass(v);
    }

    @Stage
    int s029(int v) {
        return pass(v);
    }

    @Stage
    int s030(int v) {
        return pass(v);
    }

    @Stage
    int s031(int v) {
        return pass(v);
    }

    @Stage
    int s032(int v) {
        return pass(v);
    }

    @Stage
    int s033(int v) {
        return pass(v);
    }

    @Stage
    int s034(int v) {
        return pass(v);
    }

    @Stage
    int s035(int v) {
        return pass(v);
    }

    @Stage
    int s036(int v) {
        return pass(v);
    }

    @Stage
    int s037(int v) {
        return pass(v);
    }

    @Stage
    int s038(int v) {
        return pass(v);
    }

    @Stage
    int s039(int v) {
        return pass(v);
    }

    @Stage
    int s040(int v) {
        return pass(v);
    }

    @Stage
    int s041(int v) {
        return pass(v);
    }

    @Stage
    int s042(int v) {
        return pass(v);
    }

    @Stage
    int s043(int v) {
        return pass(v);
    }

    @Stage
    int s044(int v) {
        return pass(v);
    }

    @Stage
    int s045(int v) {
        return pass(v);
    }

    @Stage
    int s046(int v) {
        return pass(v);
    }

    @Stage
    int s047(int v) {
        return pass(v);
    }

    @Stage
    int s048(int v) {
        return pass(v);
    }

    @Stage
    int s049(int v) {
        return pass(v);
    }

    @Stage
    int s050(int v) {
        return pass(v);
    }

    @Stage
    int s051(int v) {
        return pass(v);
    }

    @Stage
    int s052(int v) {
        return pass(v);
    }

    @Stage
    int s053(int v) {
        return pass(v);
    }

    @Stage
    int s054(int v) {
        return pass(v);
    }

    @Stage
    int s055(int v) {
        return pass(v);
    }

    @Stage
    int s056(int v) {
        return pass(v);
    }

    @Stage
    int s057(int v) {
        return pass(v);
    }

    @Stage
    int s058(int v) {
        return pass(v);
    }

    @Stage
    int s059(int v) {
        return pass(v);
    }

    @Stage
    int s060(int v) {
        return pass(v);
    }

    @Stage
    int s061(int v) {
        return pass(v);
    }

    @Stage
    int s062(int v) {
        return pass(v);
    }

    @Stage
    int s063(int v) {
        return pass(v);
    }

    @Stage
    int s064(int v) {
        return pass(v);
    }

    @Stage
    int s065(int v) {
        return pass(v);
    }

    @Stage
    int s066(int v) {
        return pass(v);
    }

    @Stage
    int s067(int v) {
        return pass(v);
    }

    @Stage
    int s068(int v) {
        return pass(v);
    }

    @Stage
    int s069(int v) {
        return pass(v);
    }

    @Stage
    int s070(int v) {
        return pass(v);
    }

    @Stage
    int s071(int v) {
        return pass(v);
    }

    @Stage
    int s072(int v) {
        return pass(v);
    }

    @Stage
    int s073(int v) {
        return pass(v);
    }

    @Stage
    int s074(int v) {
        return pass(v);
    }

    @Stage
    int s075(int v) {
        return pass(v);
    }

    @Stage
    int s076(int v) {
        return pass(v);
    }

    @Stage
    int s077(int v) {
        return pass(v);
    }

    @Stage
    int s078(int v) {
        return pass(v);
    }

    @Stage
    int s079(int v) {
        return pass(v);
    }

    @Stage
    int s080(int v) {
        return pass(v);
    }

    @Stage
    int s081(int v) {
        return pass(v);
    }

    @Stage
    int s082(int v) {
        return pass(v);
    }

    @Stage
    int s083(int v) {
        return pass(v);
    }

    @Stage
    int s084(int v) {
        return pass(v);
    }

    @Stage
    int s085(int v) {
        return pass(v);
    }

    @Stage
    int s086(int v) {
        return pass(v);
    }

    @Stage
    int s087(int v) {
        return pass(v);
    }

    @Stage
    int s088(int v) {
        return pass(v);
    }

    @Stage
    int s089(int v) {
        return pass(v);
    }

    @Stage
    int s090(int v) {
        return pass(v);
    }

    @Stage
    int s091(int v) {
        return pass(v);
    }

    @Stage
    int s092(int v) {
        return pass(v);
    }

    @Stage
    int s093(int v) {
        return pass(v);
    }

    @Stage
    int s094(int v) {
        return pass(v);
    }

    @Stage
    int s095(int v) {
        return pass(v);
    }

    @Stage
    int s096(int v) {
        return pass(v);
    }

    @Stage
    int s097(int v) {
        return pass(v);
    }

    @Stage
    int s098(int v) {
        return pass(v);
    }

    @Stage
    int s099(int v) {
        return pass(v);
    }

    @Stage
    int s100(int v) {
        return pass(v);
    }
}
