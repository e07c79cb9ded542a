package io.github.stagehand.beam;

import io.github.stagehand.runtime.Out;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn.MultiOutputReceiver;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The outputs of a stage with several {@code Out} parameters, on Beam: {@link #get get(i)} is the
 * {@code i}-th, in parameter order, each an output of its own {@link TupleTag}.
 */
public final class Ports {
    private final String stage;
    private final List<TupleTag<?>> tags;
    private final MultiOutputReceiver receiver;

    Ports(String stage, List<TupleTag<?>> tags, MultiOutputReceiver receiver) {
        this.stage = stage;
        this.tags = tags;
        this.receiver = receiver;
    }

    /** The {@code i}-th output, typed as the caller's parameter (the generated code's). */
    @SuppressWarnings("unchecked")
    public <T> Out<T> get(int i) {
        return new ReceiverOut<>(
                stage + "." + tags.get(i).getId(), receiver.get((TupleTag<T>) tags.get(i)));
    }
}
