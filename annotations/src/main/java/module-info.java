/**
 * Stagehand's annotations: {@link io.github.stagehand.annotation.Stage}, read only by the
 * annotation processor at compile time (class retention). A user's module needs it at compile time
 * alone:
 *
 * <pre>{@code
 * module com.example.app {
 *     requires io.github.stagehand.runtime;
 *     requires static io.github.stagehand.annotations;
 * }
 * }</pre>
 */
module io.github.stagehand.annotations {
    exports io.github.stagehand.annotation;
}
