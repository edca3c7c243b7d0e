package org.estelle.cache;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What the eviction policy sees of a cache: shards it can sample and files
 * it can remove. {@link ShardDirectories} is the real one; the simulation
 * has one in memory, so both run the same {@link SampledLru}.
 */
interface EvictionSpace {

    /** The thumbnails of one shard chosen at random among the non-empty ones; empty if there are none. */
    List<Candidate> sampleShard(RandomGenerator random);

    /**
     * Removes the candidate if it still is what was sampled (not accessed
     * since, not handed out lately).
     *
     * @return the bytes freed, 0 if it was not removed
     */
    long remove(Candidate candidate);
}
