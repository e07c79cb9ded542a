/**
 * Support for the code Stagehand's annotation processor generates: not API. Everything here is
 * public only so that a generated {@code <Owner>Pipeline}, which lives in the user's package and
 * module, can call it. It may change in any release, in step with the processor that generates the
 * calls; do not use it in client code.
 */
package io.github.stagehand.runtime.internal;
