package org.estelle;

import java.time.Duration;

/**
 * Told about every attempt to make a thumbnail, on the worker that made it,
 * right after it ended; for metrics. Must be quick and must not throw.
 */
@FunctionalInterface
public interface GenerationObserver {

    /** Ignores everything. */
    GenerationObserver NONE = (engine, outcome, duration) -> { };

    void generated(String engine, GenerationOutcome outcome, Duration duration);
}
