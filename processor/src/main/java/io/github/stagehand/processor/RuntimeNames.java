package io.github.stagehand.processor;

import com.palantir.javapoet.ClassName;

/** The runtime's classes, named by constant: the processor never loads them. */
final class RuntimeNames {
    private RuntimeNames() {}

    static final String PACKAGE = "io.github.stagehand.runtime";
    static final String STAGE = "io.github.stagehand.annotation.Stage";
    static final String GENERATED = "javax.annotation.processing.Generated";

    static final ClassName IN = ClassName.get(PACKAGE, "In");
    static final ClassName OUT = ClassName.get(PACKAGE, "Out");
    static final ClassName DONE = ClassName.get(PACKAGE, "Done");
    static final ClassName CHANNEL = ClassName.get(PACKAGE, "Channel");
    static final ClassName STAGE_SCOPE = ClassName.get(PACKAGE, "StageScope");
    static final ClassName PIPELINE_STATS = ClassName.get(PACKAGE, "PipelineStats");
    static final ClassName MERGE = ClassName.get(PACKAGE, "Merge");
    static final ClassName ORDERED_MERGE = ClassName.get(PACKAGE, "OrderedMerge");
    static final ClassName SINK_VALUE = ClassName.get(PACKAGE, "SinkValue");
    static final ClassName PIPELINE_OUTPUT = ClassName.get(PACKAGE, "PipelineOutput");
    static final ClassName FAILURES = ClassName.get(PACKAGE, "Failures");
    static final ClassName OUTLET = ClassName.get(PACKAGE, "Outlet");
    static final ClassName TEE = ClassName.get(PACKAGE, "Tee");
    static final ClassName FAN_IN = ClassName.get(PACKAGE, "FanIn");
    static final ClassName SINKS = ClassName.get(PACKAGE, "Sinks");
    static final ClassName WORKER_IN = ClassName.get(PACKAGE, "WorkerIn");
    static final ClassName WORKER_OUT = ClassName.get(PACKAGE, "WorkerOut");
}
