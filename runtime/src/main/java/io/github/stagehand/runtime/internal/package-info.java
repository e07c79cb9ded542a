/**
 * Support for the code that Stagehand's annotation processor generates: the stage scope, the
 * workers' ends of their channels, merges, tees, and what keeps statistics. It is not API: nothing
 * here is meant for code you write, any of it may change in any release, and a pipeline generated
 * by one version of the processor needs the runtime of that same version (the processor checks this
 * when it compiles your pipelines). What you write and read lives in {@link
 * io.github.stagehand.runtime}.
 */
package io.github.stagehand.runtime.internal;
