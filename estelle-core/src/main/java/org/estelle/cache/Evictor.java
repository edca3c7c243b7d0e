package org.estelle.cache;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one thread that removes thumbnails. It first scans the cache to learn
 * its size (serving goes on meanwhile), then sleeps until a write takes the
 * usage above {@code limit × high ratio}, and evicts by {@link SampledLru}
 * until it is below {@code limit × low ratio}. It also wakes every
 * {@link #PERIOD} to check, which catches growth it was not told about.
 *
 * <p>Ownership: the thread owns the policy and the shard walk; the wake-up
 * flag belongs to {@link #lock}.
 */
final class Evictor implements AutoCloseable {

    static final Duration PERIOD = Duration.ofMinutes(1);
    /** How soon to resume a pass that had to stop short. */
    static final Duration RETRY = Duration.ofSeconds(2);
    private static final int MAX_FRUITLESS_ROUNDS = 50;

    private static final System.Logger LOG = System.getLogger(Evictor.class.getName());

    private final java.nio.file.Path root;
    private final CacheUsage usage;
    private final CacheLimits limits;
    private final SampledLru policy;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Thread thread;
    private final java.util.concurrent.atomic.LongAdder evictions = new java.util.concurrent.atomic.LongAdder();
    private boolean woken;
    private boolean diskFull;
    private boolean closed;

    Evictor(java.nio.file.Path root, CacheUsage usage, CacheLimits limits, RecentHandouts handouts) {
        this.root = root;
        this.usage = usage;
        this.limits = limits;
        this.policy = new SampledLru(new ShardDirectories(root, usage, handouts), new SplittableRandom());
        this.thread = Thread.ofPlatform().name("estelle-evictor").daemon(true).unstarted(this::run);
    }

    long evictions() {
        return evictions.sum();
    }

    void start() {
        thread.start();
    }

    /** Asks for a check now; cheap, never blocks. */
    void wakeUp() {
        signal(false);
    }

    /**
     * A write failed for lack of space: the disk is smaller than the limit
     * says, so evict below the low watermark of what is in use now.
     */
    void diskFull() {
        signal(true);
    }

    private void signal(boolean full) {
        lock.lock();
        try {
            woken = true;
            diskFull |= full;
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            wake.signal();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long scanned = 0;
        try {
            scanned = CacheScan.run(root, usage);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cache scan failed; usage counts only new thumbnails: " + e, e);
        }
        usage.scanCompleted(scanned);
        Duration wait = Duration.ZERO; // check at once: the cache may have been over its limit at start
        long unfinished = -1; // the target of a pass that had to stop short, which the next one resumes
        while (awaitWork(wait)) {
            wait = PERIOD;
            try {
                long bytes = usage.bytes();
                long target = takeDiskFull() ? Math.min(limits.lowWatermark(), (long) (bytes * limits.lowRatio()))
                        : bytes > limits.highWatermark() ? limits.lowWatermark() : unfinished;
                if (target >= 0 && !evictTo(target)) {
                    unfinished = target;
                    wait = RETRY; // what was sampled was handed out lately, or touched meanwhile: try again soon
                } else {
                    unfinished = -1;
                }
            } catch (RuntimeException e) {
                // A directory vanishing mid-listing, say: the evictor must outlive it.
                LOG.log(System.Logger.Level.WARNING, "eviction pass failed, retrying soon: " + e, e);
                wait = RETRY;
            }
        }
    }

    private boolean awaitWork(Duration wait) {
        lock.lock();
        try {
            if (!woken && !closed && wait.isPositive()) {
                wake.await(wait.toNanos(), TimeUnit.NANOSECONDS);
            }
            woken = false;
            return !closed;
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Evicts down to {@code target} bytes; false if it had to stop short. */
    private boolean evictTo(long target) {
        long before = usage.bytes();
        int removed = 0;
        int fruitless = 0;
        while (usage.bytes() > target && !isClosed()) {
            if (policy.evictOne().isPresent()) {
                removed++;
                evictions.increment();
                fruitless = 0;
            } else if (++fruitless == MAX_FRUITLESS_ROUNDS) {
                break; // empty samples, or every candidate protected
            }
        }
        LOG.log(System.Logger.Level.INFO, "evicted {0} thumbnails: cache {1} -> {2} bytes (limit {3})",
                removed, before, usage.bytes(), limits.limit());
        return usage.bytes() <= target;
    }

    private boolean takeDiskFull() {
        lock.lock();
        try {
            boolean full = diskFull;
            diskFull = false;
            return full;
        } finally {
            lock.unlock();
        }
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }
}
