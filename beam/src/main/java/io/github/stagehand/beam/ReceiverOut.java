package io.github.stagehand.beam;

import io.github.stagehand.runtime.Out;
import org.apache.beam.sdk.transforms.DoFn.OutputReceiver;

/**
 * A stage's {@code Out} on Beam: each send is an output of the current element. Null is refused as
 * a channel refuses it, naming the stage.
 */
final class ReceiverOut<T> implements Out<T> {
    private final String stage;
    private final OutputReceiver<T> receiver;

    ReceiverOut(String stage, OutputReceiver<T> receiver) {
        this.stage = stage;
        this.receiver = receiver;
    }

    @Override
    public void send(T value) {
        if (value == null) {
            throw new NullPointerException(
                    "stage "
                            + stage
                            + " sent null; elements are never null. Send only real values");
        }
        receiver.output(value);
    }
}
