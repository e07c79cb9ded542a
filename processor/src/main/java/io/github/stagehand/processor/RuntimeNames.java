package io.github.stagehand.processor;

import com.palantir.javapoet.ClassName;

/** The runtime's classes, named by constant: the processor never loads them. */
final class RuntimeNames {
    private RuntimeNames() {}

    static final String PACKAGE = "io.github.stagehand.runtime";

    /** What only generated code calls: not API, and versioned with the processor. */
    static final String INTERNAL = "io.github.stagehand.runtime.internal";

    static final String STAGE = "io.github.stagehand.annotation.Stage";
    static final String GENERATED = "javax.annotation.processing.Generated";

    static final ClassName IN = ClassName.get(PACKAGE, "In");
    static final ClassName OUT = ClassName.get(PACKAGE, "Out");
    static final ClassName DONE = ClassName.get(PACKAGE, "Done");
    static final ClassName CHANNEL = ClassName.get(PACKAGE, "Channel");
    static final ClassName STAGE_SCOPE = ClassName.get(INTERNAL, "StageScope");
    static final ClassName MERGE = ClassName.get(INTERNAL, "Merge");
    static final ClassName ORDERED_MERGE = ClassName.get(INTERNAL, "OrderedMerge");
    static final ClassName SINK_VALUE = ClassName.get(INTERNAL, "SinkValue");
    static final ClassName OUTPUT_CHANNEL = ClassName.get(INTERNAL, "OutputChannel");
    static final ClassName PIPELINE_BUILDER = ClassName.get(PACKAGE, "PipelineBuilder");
    static final ClassName FAILURES = ClassName.get(INTERNAL, "Failures");
    static final ClassName OUTLET = ClassName.get(INTERNAL, "Outlet");
    static final ClassName TEE = ClassName.get(INTERNAL, "Tee");
    static final ClassName FAN_IN = ClassName.get(INTERNAL, "FanIn");
    static final ClassName SINKS = ClassName.get(INTERNAL, "Sinks");
    static final ClassName WORKER_IN = ClassName.get(INTERNAL, "WorkerIn");
    static final ClassName WORKER_OUT = ClassName.get(INTERNAL, "WorkerOut");
    static final ClassName BATCH_IN = ClassName.get(INTERNAL, "BatchIn");
    static final ClassName RATE_LIMITER = ClassName.get(INTERNAL, "RateLimiter");
    static final ClassName TICKER = ClassName.get(INTERNAL, "Ticker");
}
