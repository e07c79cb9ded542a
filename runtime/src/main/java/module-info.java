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
    // The JFR events and the statistics that feed them (docs/observability.md). Not static: a
    // pipeline with statistics links jdk.jfr's classes even when no recording runs, and fails
    // with NoClassDefFoundError on a runtime image without jdk.jfr (docs/adr/0016-jpms-modules.md).
    requires jdk.jfr;

    // Generated code carries @javax.annotation.processing.Generated. Transitive, so that a module
    // reading the runtime reads java.compiler where it compiles its pipelines; static, because
    // the annotation has source retention and nothing of java.compiler is needed at run time.
    requires static transitive java.compiler;

    exports io.github.stagehand.runtime;
    exports io.github.stagehand.runtime.internal;
}
