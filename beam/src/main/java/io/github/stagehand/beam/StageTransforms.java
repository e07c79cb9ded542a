package io.github.stagehand.beam;

import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.Out;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VoidCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Stagehand's stage shapes as Beam transforms, each named after its stage (docs/adr/0015):
 *
 * <ul>
 *   <li>a <b>head</b> runs once, on one worker, over the run's argument;
 *   <li>a <b>map</b> or <b>flat</b> stage is a {@code ParDo} on as many workers as the engine gives
 *       it ({@code workers} is only a hint there, and order is not kept);
 *   <li>a <b>sink</b> sees its whole input on one worker (its elements grouped under one key, with
 *       a marker so that an empty input still makes one group), and its value is the one element of
 *       its output;
 *   <li>a <b>batch</b> stage is called once per batch of up to its {@code batch} elements, made per
 *       shard of its input by Beam's {@code GroupIntoBatches};
 *   <li>a tee is a {@code PCollection} applied to several transforms, a merge a {@code Flatten}.
 * </ul>
 *
 * <p>The output types are given as {@link TypeDescriptor}s, so that Beam can choose their coders: a
 * lambda keeps no type arguments at run time.
 */
public final class StageTransforms {
    private StageTransforms() {}

    /**
     * A head stage over {@code argument}, encoded with {@code argumentCoder} to reach its worker.
     */
    public static <A, T> PTransform<PBegin, PCollection<T>> head(
            String stage,
            A argument,
            Coder<A> argumentCoder,
            TypeDescriptor<T> out,
            HeadBody<A, T> body) {
        return new PTransform<>(stage) {
            @Override
            public PCollection<T> expand(PBegin begin) {
                return begin.apply("arguments", Create.of(argument).withCoder(argumentCoder))
                        .apply("run", ParDo.of(new HeadFn<>(stage, body)))
                        .setTypeDescriptor(out);
            }
        };
    }

    /**
     * A head stage whose arguments {@code body} captures (they travel with it, serialized), run
     * once on one worker: what the generated {@code <Owner>Beam} uses.
     */
    public static <T> PTransform<PBegin, PCollection<T>> head(
            String stage, TypeDescriptor<T> out, SourceBody<T> body) {
        return head(stage, 0, VarIntCoder.of(), out, (Out<T> o, Integer once) -> body.run(o));
    }

    /** A map stage: one output for every input; a null result fails the run. */
    public static <I, O> PTransform<PCollection<I>, PCollection<O>> map(
            String stage, TypeDescriptor<O> out, MapBody<I, O> body) {
        return new PTransform<>(stage) {
            @Override
            public PCollection<O> expand(PCollection<I> in) {
                return in.apply(ParDo.of(new MapFn<>(stage, body))).setTypeDescriptor(out);
            }
        };
    }

    /** A flat stage: any number of outputs for every input. */
    public static <I, O> PTransform<PCollection<I>, PCollection<O>> flat(
            String stage, TypeDescriptor<O> out, FlatBody<I, O> body) {
        return new PTransform<>(stage) {
            @Override
            public PCollection<O> expand(PCollection<I> in) {
                return in.apply(ParDo.of(new FlatFn<>(stage, body))).setTypeDescriptor(out);
            }
        };
    }

    /** A sink stage: its whole input on one worker; its value is its output's one element. */
    public static <T, R> PTransform<PCollection<T>, PCollection<R>> sink(
            String stage, TypeDescriptor<R> out, SinkBody<T, R> body) {
        return new PTransform<>(stage) {
            @Override
            public PCollection<R> expand(PCollection<T> in) {
                return grouped(in)
                        .apply("run", ParDo.of(new SinkFn<>(stage, body)))
                        .setTypeDescriptor(out);
            }
        };
    }

    /**
     * A join: every input whole, on one worker, each as its own {@code In}. A sink's value (what
     * {@code body} returns, unless null) and whatever it sends on its {@code Out} are the output's
     * elements.
     */
    public static <R> PTransform<PBegin, PCollection<R>> join(
            String stage, TypeDescriptor<R> out, List<PCollection<?>> inputs, JoinBody<R> body) {
        return new PTransform<>(stage) {
            @Override
            public PCollection<R> expand(PBegin begin) {
                // a marker input of one element, so that the group exists even when every input
                // is empty and the join runs once, as in process
                TupleTag<Integer> markerTag = new TupleTag<>("marker");
                KeyedPCollectionTuple<Void> keyed =
                        KeyedPCollectionTuple.of(
                                markerTag,
                                begin.apply(
                                        "the group's marker",
                                        Create.of(KV.of((Void) null, 0))
                                                .withCoder(
                                                        KvCoder.of(
                                                                VoidCoder.of(),
                                                                VarIntCoder.of()))));
                List<TupleTag<?>> tags = new ArrayList<>();
                for (int i = 0; i < inputs.size(); i++) {
                    TupleTag<Object> tag = new TupleTag<>("in" + i);
                    tags.add(tag);
                    keyed = keyed.and(tag, keyed(inputs.get(i), "in " + i));
                }
                return keyed.apply("all on one worker", CoGroupByKey.create())
                        .apply("run", ParDo.of(new JoinFn<>(stage, tags, body)))
                        .setTypeDescriptor(out);
            }
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static PCollection<KV<Void, Object>> keyed(PCollection<?> in, String name) {
        PCollection<Object> values = (PCollection<Object>) in;
        return values.apply("one key, " + name, WithKeys.<Void, Object>of((Void) null))
                .setCoder(
                        KvCoder.of(
                                VoidCoder.of(), (org.apache.beam.sdk.coders.Coder) in.getCoder()));
    }

    private static final class JoinFn<R> extends StageFn<KV<Void, CoGbkResult>, R, JoinBody<R>> {
        private final List<TupleTag<?>> tags;

        JoinFn(String stage, List<TupleTag<?>> tags, JoinBody<R> body) {
            super(stage, body);
            this.tags = List.copyOf(tags);
        }

        @ProcessElement
        public void process(@Element KV<Void, CoGbkResult> all, OutputReceiver<R> out)
                throws Exception {
            List<Iterable<?>> inputs = new ArrayList<>();
            for (TupleTag<?> tag : tags) {
                inputs.add(all.getValue().getAll(tag));
            }
            Object[] returned = new Object[1];
            withDone(
                    () ->
                            returned[0] =
                                    body.run(new Joined(inputs), new ReceiverOut<>(stage, out)));
            @SuppressWarnings("unchecked")
            R value = (R) returned[0];
            if (value != null) {
                out.output(value);
            }
        }
    }

    /** A void sink: its whole input on one worker, for its effects; nothing comes out. */
    public static <T> PTransform<PCollection<T>, PDone> each(String stage, EachBody<T> body) {
        return new PTransform<>(stage) {
            @Override
            public PDone expand(PCollection<T> in) {
                grouped(in).apply("run", ParDo.of(new EachFn<>(stage, body)));
                return PDone.in(in.getPipeline());
            }
        };
    }

    /**
     * A stream stage: on Beam it sees its whole input on one worker, as a sink does, and sends what
     * it sends.
     */
    public static <T, R> PTransform<PCollection<T>, PCollection<R>> stream(
            String stage, TypeDescriptor<R> out, StreamBody<T, R> body) {
        return new PTransform<>(stage) {
            @Override
            public PCollection<R> expand(PCollection<T> in) {
                return grouped(in)
                        .apply("run", ParDo.of(new StreamFn<>(stage, body)))
                        .setTypeDescriptor(out);
            }
        };
    }

    /**
     * A flat stage with several outputs: each {@code Out} parameter is an output of its own tag, in
     * parameter order; the tuple holds one collection per tag.
     */
    public static <I> PTransform<PCollection<I>, PCollectionTuple> ports(
            String stage, List<TupleTag<?>> tags, PortsBody<I> body) {
        return new PTransform<>(stage) {
            @Override
            public PCollectionTuple expand(PCollection<I> in) {
                return in.apply(portsParDo(stage, tags, body));
            }
        };
    }

    /** A head with several outputs, run once on one worker, its arguments captured. */
    public static PTransform<PBegin, PCollectionTuple> headPorts(
            String stage, List<TupleTag<?>> tags, PortsBody<Integer> body) {
        return new PTransform<>(stage) {
            @Override
            public PCollectionTuple expand(PBegin begin) {
                return begin.apply("arguments", Create.of(0).withCoder(VarIntCoder.of()))
                        .apply(
                                portsParDo(
                                        stage,
                                        tags,
                                        (Integer once, Ports ports) -> body.run(null, ports)));
            }
        };
    }

    /**
     * A batch map stage, {@code R f(List<T> batch)}: one output for every batch of its input, the
     * batches made by Beam's {@code GroupIntoBatches} ({@link Batches}): up to {@code size}
     * elements, handed over when full, once {@code linger} has passed ({@code Duration.ZERO} for
     * none) or at the end. A null result fails the run.
     *
     * @param <T> the element type of the stage's list: the input's, or a supertype of it
     */
    public static <T, I extends T, O> PTransform<PCollection<I>, PCollection<O>> batchMap(
            String stage,
            int size,
            Duration linger,
            TypeDescriptor<O> out,
            MapBody<List<T>, O> body) {
        return new PTransform<>(stage) {
            @Override
            public PCollection<O> expand(PCollection<I> in) {
                MapBody<Iterable<I>, O> each = batch -> body.apply(Batches.list(batch));
                return Batches.of(in, size, linger)
                        .apply("run", ParDo.of(new MapFn<>(stage, each)))
                        .setTypeDescriptor(out);
            }
        };
    }

    /**
     * A batch flat stage, {@code void f(List<T> batch, Out<R> out)}: batches as {@link #batchMap}.
     */
    public static <T, I extends T, O> PTransform<PCollection<I>, PCollection<O>> batchFlat(
            String stage,
            int size,
            Duration linger,
            TypeDescriptor<O> out,
            FlatBody<List<T>, O> body) {
        return new PTransform<>(stage) {
            @Override
            public PCollection<O> expand(PCollection<I> in) {
                FlatBody<Iterable<I>, O> each = (batch, o) -> body.run(Batches.list(batch), o);
                return Batches.of(in, size, linger)
                        .apply("run", ParDo.of(new FlatFn<>(stage, each)))
                        .setTypeDescriptor(out);
            }
        };
    }

    /**
     * A batch flat stage with several outputs, as {@link #ports} with batches as {@link #batchMap}.
     */
    public static <T, I extends T> PTransform<PCollection<I>, PCollectionTuple> batchPorts(
            String stage,
            int size,
            Duration linger,
            List<TupleTag<?>> tags,
            PortsBody<List<T>> body) {
        return new PTransform<>(stage) {
            @Override
            public PCollectionTuple expand(PCollection<I> in) {
                PortsBody<Iterable<I>> each =
                        (batch, ports) -> body.run(Batches.list(batch), ports);
                return Batches.of(in, size, linger).apply(portsParDo(stage, tags, each));
            }
        };
    }

    /**
     * A batch sink, {@code void f(List<T> batch)}: called once per batch, batches as {@link
     * #batchMap}, for its effects; nothing comes out.
     */
    public static <T, I extends T> PTransform<PCollection<I>, PDone> batchEach(
            String stage, int size, Duration linger, BatchBody<T> body) {
        return new PTransform<>(stage) {
            @Override
            public PDone expand(PCollection<I> in) {
                FlatBody<Iterable<I>, Void> each = (batch, none) -> body.run(Batches.list(batch));
                Batches.of(in, size, linger)
                        .apply("run", ParDo.of(new FlatFn<>(stage, each)))
                        .setCoder(VoidCoder.of());
                return PDone.in(in.getPipeline());
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <I> ParDo.MultiOutput<I, Object> portsParDo(
            String stage, List<TupleTag<?>> tags, PortsBody<I> body) {
        TupleTag<Object> main = (TupleTag<Object>) tags.get(0);
        return ParDo.of(new PortsFn<I>(stage, tags, body))
                .withOutputTags(main, TupleTagList.of(tags.subList(1, tags.size())));
    }

    /**
     * A stage's {@code DoFn}: its name, for messages, its body, serialized with it, and the {@code
     * Done} that its stage method sees on this worker: opened when the runner sets the function up,
     * closed when the runner tears it down (the job finished or was cancelled).
     */
    private abstract static class StageFn<I, O, B> extends DoFn<I, O> {
        final String stage;
        final B body;
        private transient Done done;

        StageFn(String stage, B body) {
            this.stage = stage;
            this.body = body;
        }

        @Setup
        public void open() {
            done = new Done();
        }

        @Teardown
        public void close() {
            if (done != null) {
                done.close();
            }
        }

        /** Runs {@code call} with this worker's {@code Done} as the one {@link #done()} gives. */
        final void withDone(Call call) throws Exception {
            Done outer = CURRENT.get();
            CURRENT.set(done);
            try {
                call.run();
            } finally {
                CURRENT.set(outer);
            }
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private static final ThreadLocal<Done> CURRENT = new ThreadLocal<>();

    /**
     * The {@code Done} of the stage running on this thread, for a stage method that takes one: it
     * closes when the runner tears the stage's function down, as when the job is cancelled.
     *
     * @throws IllegalStateException outside a stage's function
     */
    public static Done done() {
        Done done = CURRENT.get();
        if (done == null) {
            throw new IllegalStateException(
                    "StageTransforms.done() is called by a stage's function only");
        }
        return done;
    }

    private static final class PortsFn<I> extends StageFn<I, Object, PortsBody<I>> {
        private final List<TupleTag<?>> tags;

        PortsFn(String stage, List<TupleTag<?>> tags, PortsBody<I> body) {
            super(stage, body);
            this.tags = List.copyOf(tags);
        }

        @ProcessElement
        public void process(@Element I value, MultiOutputReceiver out) throws Exception {
            withDone(() -> body.run(value, new Ports(stage, tags, out)));
        }
    }

    private static final class EachFn<T> extends StageFn<KV<Void, Iterable<T>>, Void, EachBody<T>> {
        EachFn(String stage, EachBody<T> body) {
            super(stage, body);
        }

        @ProcessElement
        public void process(@Element KV<Void, Iterable<T>> all) throws Exception {
            withDone(() -> body.run(new IterableIn<>(all.getValue())));
        }
    }

    private static final class StreamFn<T, R>
            extends StageFn<KV<Void, Iterable<T>>, R, StreamBody<T, R>> {
        StreamFn(String stage, StreamBody<T, R> body) {
            super(stage, body);
        }

        @ProcessElement
        public void process(@Element KV<Void, Iterable<T>> all, OutputReceiver<R> out)
                throws Exception {
            withDone(
                    () ->
                            body.run(
                                    new IterableIn<>(all.getValue()),
                                    new ReceiverOut<>(stage, out)));
        }
    }

    /**
     * Every element of {@code in} under one key, with one null beside them, so that the group
     * exists and the stage runs once even when its input is empty (as it does in process).
     */
    private static <T> PCollection<KV<Void, Iterable<T>>> grouped(PCollection<T> in) {
        KvCoder<Void, T> coder = KvCoder.of(VoidCoder.of(), NullableCoder.of(in.getCoder()));
        PCollection<KV<Void, T>> keyed =
                in.apply("one key", WithKeys.<Void, T>of((Void) null)).setCoder(coder);
        PCollection<KV<Void, T>> marker =
                in.getPipeline()
                        .apply(
                                "the group's marker",
                                Create.of(KV.<Void, T>of(null, null)).withCoder(coder));
        return PCollectionList.of(keyed)
                .and(marker)
                .apply("with the marker", Flatten.pCollections())
                .apply("all on one worker", GroupByKey.create());
    }

    private static final class HeadFn<A, T> extends StageFn<A, T, HeadBody<A, T>> {
        HeadFn(String stage, HeadBody<A, T> body) {
            super(stage, body);
        }

        @ProcessElement
        public void process(@Element A argument, OutputReceiver<T> out) throws Exception {
            withDone(() -> body.run(new ReceiverOut<>(stage, out), argument));
        }
    }

    private static final class MapFn<I, O> extends StageFn<I, O, MapBody<I, O>> {
        MapFn(String stage, MapBody<I, O> body) {
            super(stage, body);
        }

        @ProcessElement
        public void process(@Element I value, OutputReceiver<O> out) throws Exception {
            Object[] returned = new Object[1];
            withDone(() -> returned[0] = body.apply(value));
            @SuppressWarnings("unchecked")
            O result = (O) returned[0];
            if (result == null) {
                throw new NullPointerException(
                        "map stage " + stage + " returned null; elements are never null");
            }
            out.output(result);
        }
    }

    private static final class FlatFn<I, O> extends StageFn<I, O, FlatBody<I, O>> {
        FlatFn(String stage, FlatBody<I, O> body) {
            super(stage, body);
        }

        @ProcessElement
        public void process(@Element I value, OutputReceiver<O> out) throws Exception {
            withDone(() -> body.run(value, new ReceiverOut<>(stage, out)));
        }
    }

    private static final class SinkFn<T, R>
            extends StageFn<KV<Void, Iterable<T>>, R, SinkBody<T, R>> {
        SinkFn(String stage, SinkBody<T, R> body) {
            super(stage, body);
        }

        @ProcessElement
        public void process(@Element KV<Void, Iterable<T>> all, OutputReceiver<R> out)
                throws Exception {
            Object[] returned = new Object[1];
            withDone(() -> returned[0] = body.run(new IterableIn<>(all.getValue())));
            @SuppressWarnings("unchecked")
            R value = (R) returned[0];
            if (value == null) {
                throw new NullPointerException(
                        "sink stage "
                                + stage
                                + " returned null; on Beam a sink's value is an element");
            }
            out.output(value);
        }
    }
}
