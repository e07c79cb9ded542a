/**
 * Stagehand's runtime: the channels, {@code Done}, statistics and traces that pipelines generated
 * from {@code @Stage} methods run on. A user's module needs this at run time and the annotations at
 * compile time only:
 *
 * <pre>{@code
 * module com.example.app {
 *     requires io.github.stagehand.runtime;
 *     requires static io.github.stagehand.annotations;
 * }
 * }</pre>
 *
 * <p>{@code io.github.stagehand.runtime} is the API. {@code io.github.stagehand.runtime.internal}
 * is exported only because the generated {@code <Owner>Pipeline} lives in the user's module and
 * calls it; it is not API (see its package documentation).
 */
module io.github.stagehand.runtime {
    // The JFR events (docs/observability.md). Static: the runtime works on a runtime image without
    // jdk.jfr, and records only once a flight recorder has started, which resolves jdk.jfr.
    requires static jdk.jfr;

    // Generated code carries @javax.annotation.processing.Generated. Transitive, so that a module
    // reading the runtime reads java.compiler where it compiles its pipelines; static, because
    // the annotation has source retention and nothing of java.compiler is needed at run time.
    requires static transitive java.compiler;

    exports io.github.stagehand.runtime;
    exports io.github.stagehand.runtime.internal;
}
