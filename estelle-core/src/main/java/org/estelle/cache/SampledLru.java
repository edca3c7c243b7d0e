package org.estelle.cache;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Approximated least-recently-used eviction by random sampling, as in Redis:
 * each round samples {@link #SHARDS_PER_ROUND} random shards, merges their
 * files into a small pool of the least recently accessed candidates seen so
 * far, and removes the oldest of the pool. The pool carries good candidates
 * from round to round, which brings the choice close to exact LRU at a cost
 * of a few directory listings per eviction, with no index to keep.
 *
 * <p>{@code SHARDS_PER_ROUND} and {@code POOL_SIZE} were chosen with
 * {@code EvictionSimulation} (docs/BENCHMARKS.md): on a Zipf(0.9) trace
 * over 100,000 thumbnails with room for 10%, they reach ≥ 97% of exact
 * LRU's hit ratio; more samples cost directory listings for little gain.
 *
 * <p>Not thread-safe: the evictor thread owns it.
 */
final class SampledLru {

    static final int SHARDS_PER_ROUND = 5;
    static final int POOL_SIZE = 16;

    private static final Comparator<Candidate> OLDEST_FIRST = Comparator.comparingLong(Candidate::lastAccess);

    private final EvictionSpace space;
    private final RandomGenerator random;
    private final int shardsPerRound;
    private final List<Candidate> pool = new ArrayList<>();

    SampledLru(EvictionSpace space, RandomGenerator random) {
        this(space, random, SHARDS_PER_ROUND);
    }

    SampledLru(EvictionSpace space, RandomGenerator random, int shardsPerRound) {
        this.space = space;
        this.random = random;
        this.shardsPerRound = shardsPerRound;
    }

    /**
     * Removes one thumbnail, the least recently accessed one found.
     *
     * @return the bytes freed; empty if nothing could be removed this round
     *         (the cache is empty, or every candidate is protected)
     */
    Optional<Long> evictOne() {
        sample();
        while (!pool.isEmpty()) {
            Candidate oldest = pool.removeFirst();
            long freed = space.remove(oldest);
            if (freed > 0) {
                return Optional.of(freed);
            }
            // Accessed since it was sampled, protected, or gone: try the next.
        }
        return Optional.empty();
    }

    private void sample() {
        Set<String> pooled = new HashSet<>();
        for (Candidate c : pool) {
            pooled.add(c.name());
        }
        for (int i = 0; i < shardsPerRound; i++) {
            for (Candidate candidate : space.sampleShard(random)) {
                if (pooled.add(candidate.name())) {
                    pool.add(candidate);
                }
            }
        }
        pool.sort(OLDEST_FIRST);
        while (pool.size() > POOL_SIZE) {
            pool.removeLast();
        }
    }
}
