package org.estelle.cache;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Replays a Zipf(0.9) request trace over many distinct thumbnails through a
 * cache with room for a fraction of them, and reports the hit ratio of
 * {@link SampledLru} (the evictor's policy, unchanged) and of exact LRU on
 * the same trace. The in-memory cache shards its thumbnails the way the disk
 * layout does (256 × 256 directories), so sampling behaves as on disk.
 *
 * <p>Run: {@code bench/eviction-simulation} (prints one line per setting).
 */
public final class EvictionSimulation {

    record Result(int shardsPerRound, double sampledHitRatio, double lruHitRatio) {
        double ratio() {
            return sampledHitRatio / lruHitRatio;
        }
    }

    private final int distinct;
    private final int capacity;
    private final int[] trace;

    EvictionSimulation(int distinct, int capacity, int requests, double exponent, long seed) {
        this.distinct = distinct;
        this.capacity = capacity;
        this.trace = zipfTrace(distinct, requests, exponent, new SplittableRandom(seed));
    }

    Result run(int shardsPerRound, long seed) {
        return new Result(shardsPerRound, sampled(shardsPerRound, seed), exactLru());
    }

    private double exactLru() {
        LinkedHashMap<Integer, Boolean> lru = new LinkedHashMap<>(capacity * 2, 0.75f, true);
        long hits = 0;
        for (int item : trace) {
            if (lru.get(item) != null) {
                hits++;
            } else {
                lru.put(item, Boolean.TRUE);
                if (lru.size() > capacity) {
                    lru.remove(lru.keySet().iterator().next());
                }
            }
        }
        return (double) hits / trace.length;
    }

    private double sampled(int shardsPerRound, long seed) {
        SplittableRandom shardOf = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int[] shard = new int[distinct];
        for (int i = 0; i < distinct; i++) {
            shard[i] = shardOf.nextInt(1 << 16); // like the first 4 hex digits of a SHA-1
        }
        MemorySpace space = new MemorySpace(shard);
        SampledLru policy = new SampledLru(space, new SplittableRandom(seed), shardsPerRound);
        long hits = 0;
        for (int t = 0; t < trace.length; t++) {
            int item = trace[t];
            if (space.contains(item)) {
                hits++;
                space.touch(item, t);
            } else {
                space.add(item, t);
                while (space.size() > capacity) {
                    if (policy.evictOne().isEmpty()) {
                        throw new IllegalStateException("nothing evictable in a full cache");
                    }
                }
            }
        }
        return (double) hits / trace.length;
    }

    private static int[] zipfTrace(int n, int requests, double exponent, SplittableRandom random) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int rank = 1; rank <= n; rank++) {
            sum += 1.0 / Math.pow(rank, exponent);
            cdf[rank - 1] = sum;
        }
        // Ranks are shuffled onto items so popularity is unrelated to shard.
        int[] itemOfRank = new int[n];
        for (int i = 0; i < n; i++) {
            itemOfRank[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = itemOfRank[i];
            itemOfRank[i] = itemOfRank[j];
            itemOfRank[j] = swap;
        }
        int[] trace = new int[requests];
        for (int t = 0; t < requests; t++) {
            double u = random.nextDouble() * sum;
            int lo = 0;
            int hi = n - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cdf[mid] < u) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            trace[t] = itemOfRank[lo];
        }
        return trace;
    }

    /** The cache directory in memory: 256 first-level shards of 256 second-level shards of files. */
    private static final class MemorySpace implements EvictionSpace {
        private final int[] shardOf;
        private final Map<Integer, Long> lastAccess = new HashMap<>();
        private final Map<Integer, List<Integer>> filesByShard = new HashMap<>();
        private final Map<Integer, List<Integer>> nonEmptyInner = new HashMap<>(); // outer -> inner shards
        private final List<Integer> nonEmptyOuter = new ArrayList<>();

        MemorySpace(int[] shardOf) {
            this.shardOf = shardOf;
        }

        boolean contains(int item) {
            return lastAccess.containsKey(item);
        }

        int size() {
            return lastAccess.size();
        }

        void touch(int item, long time) {
            lastAccess.put(item, time);
        }

        void add(int item, long time) {
            lastAccess.put(item, time);
            int shard = shardOf[item];
            List<Integer> files = filesByShard.computeIfAbsent(shard, s -> new ArrayList<>());
            if (files.isEmpty()) {
                int outer = shard >>> 8;
                List<Integer> inner = nonEmptyInner.computeIfAbsent(outer, o -> new ArrayList<>());
                if (inner.isEmpty()) {
                    nonEmptyOuter.add(outer);
                }
                inner.add(shard & 0xff);
            }
            files.add(item);
        }

        @Override
        public List<Candidate> sampleShard(RandomGenerator random) {
            if (nonEmptyOuter.isEmpty()) {
                return List.of();
            }
            int outer = nonEmptyOuter.get(random.nextInt(nonEmptyOuter.size()));
            List<Integer> inner = nonEmptyInner.get(outer);
            int shard = outer << 8 | inner.get(random.nextInt(inner.size()));
            List<Candidate> candidates = new ArrayList<>();
            for (int item : filesByShard.get(shard)) {
                candidates.add(new Candidate(Integer.toString(item), 1, lastAccess.get(item)));
            }
            return candidates;
        }

        @Override
        public long remove(Candidate candidate) {
            int item = Integer.parseInt(candidate.name());
            Long access = lastAccess.get(item);
            if (access == null || access != candidate.lastAccess()) {
                return 0; // gone, or accessed since it was sampled
            }
            lastAccess.remove(item);
            int shard = shardOf[item];
            List<Integer> files = filesByShard.get(shard);
            files.remove(Integer.valueOf(item));
            if (files.isEmpty()) {
                int outer = shard >>> 8;
                List<Integer> inner = nonEmptyInner.get(outer);
                inner.remove(Integer.valueOf(shard & 0xff));
                if (inner.isEmpty()) {
                    nonEmptyOuter.remove(Integer.valueOf(outer));
                }
            }
            return candidate.size();
        }
    }

    public static void main(String[] args) {
        int distinct = 100_000;
        int capacity = distinct / 10;
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        EvictionSimulation simulation = new EvictionSimulation(distinct, capacity, requests, 0.9, 42);
        System.out.printf("Zipf(0.9) trace: %,d requests over %,d distinct thumbnails, room for %,d%n",
                requests, distinct, capacity);
        for (int shards : new int[] {1, 2, 3, 5, 8}) {
            Result r = simulation.run(shards, 7);
            System.out.printf("shards per round %d%s: sampled LRU hit ratio %.4f, exact LRU %.4f, ratio %.3f%n",
                    shards, shards == SampledLru.SHARDS_PER_ROUND ? " (the evictor's)" : "",
                    r.sampledHitRatio(), r.lruHitRatio(), r.ratio());
        }
    }
}
