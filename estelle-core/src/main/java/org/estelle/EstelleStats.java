package org.estelle;

/**
 * A snapshot of what an {@link Estelle} instance has done since it started.
 *
 * @param hits requests answered from the cache
 * @param misses requests that needed a thumbnail made (or joined one being made)
 * @param generations thumbnails the engine was asked to make
 * @param failures generations that failed
 * @param queued tasks now waiting for a worker
 * @param running tasks a worker is running now
 * @param cacheBytes bytes the cached thumbnails take, as far as known
 * @param cacheLimit the cache's size limit in bytes
 * @param evictions thumbnails the evictor removed
 * @param failuresRemembered sources known to fail, answered without decoding
 */
public record EstelleStats(long hits, long misses, long generations, long failures, int queued, int running,
        long cacheBytes, long cacheLimit, long evictions, int failuresRemembered) {
}
