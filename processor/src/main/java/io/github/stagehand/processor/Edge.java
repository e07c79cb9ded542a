package io.github.stagehand.processor;

/** One edge of the pipeline's graph: the output {@code from} feeds the stage {@code to}. */
record Edge(Port from, StageDescriptor to) {}
