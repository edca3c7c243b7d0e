package org.estelle.cache;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The thumbnails whose paths were handed out lately: a client is about to
 * open them, so they must not be evicted.
 *
 * <p>Two generations of names: a name recorded now is in the current one; at
 * each rotation the current generation becomes the previous one and the old
 * previous one is dropped. A name is protected while it is in either, so for
 * at least one period and at most two; memory is bounded by the distinct
 * names handed out in two periods, and at most {@code capacity} per period.
 *
 * <p>Thread-safe. {@link #record} runs on the hit path: one set insertion.
 * Rotation happens lazily, by whichever thread first notices the period is over.
 */
final class RecentHandouts {

    private final long periodNanos;
    private final LongSupplier nanoTime;
    private volatile Generations generations;

    private record Generations(long startedAt, Set<String> current, Set<String> previous) {
    }

    /** Names one generation holds at most: some 20 MB of strings. */
    static final int DEFAULT_CAPACITY = 100_000;

    private final int capacity;

    RecentHandouts(Duration protection, LongSupplier nanoTime, int capacity) {
        this.capacity = capacity;
        this.periodNanos = protection.toNanos();
        this.nanoTime = nanoTime;
        this.generations = new Generations(nanoTime.getAsLong(), ConcurrentHashMap.newKeySet(), Set.of());
    }

    RecentHandouts(Duration protection) {
        this(protection, System::nanoTime, DEFAULT_CAPACITY);
    }

    void record(String fileName) {
        Set<String> current = rotated().current();
        // Bounded: past the cap a name goes unprotected (an eviction may then
        // take a file just handed out), rather than memory growing with load.
        if (current.size() < capacity) {
            current.add(fileName);
        }
    }

    boolean isProtected(String fileName) {
        Generations g = rotated();
        return g.current().contains(fileName) || g.previous().contains(fileName);
    }

    private Generations rotated() {
        Generations g = generations;
        long now = nanoTime.getAsLong();
        if (now - g.startedAt() < periodNanos) {
            return g;
        }
        synchronized (this) {
            g = generations;
            if (now - g.startedAt() >= periodNanos) {
                // After a long quiet spell both generations are stale.
                Set<String> previous = now - g.startedAt() >= 2 * periodNanos ? Set.of() : g.current();
                g = new Generations(now, ConcurrentHashMap.newKeySet(), previous);
                generations = g;
            }
            return g;
        }
    }
}
