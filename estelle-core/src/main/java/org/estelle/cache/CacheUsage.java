package org.estelle.cache;

/**
 * The bytes the cache's thumbnails take, kept in memory: a scan at start
 * gives the base, then every write adds and every eviction subtracts.
 *
 * <p>The start scan runs while requests are already served. It counts only
 * files modified before it began; files written since are counted by
 * {@link #added} instead, so none is counted twice. (A file whose write
 * began before the scan and whose rename came after it is the one exception:
 * it may be counted twice, an overestimate of one thumbnail, which makes
 * eviction start a little early and never late.)
 *
 * <p>Thread-safe: every method holds this object's monitor; they are called
 * once per write or deletion, never on the hit path.
 */
final class CacheUsage {

    private long bytes;
    private boolean scanned;

    synchronized void added(long size) {
        bytes += size;
    }

    synchronized void removed(long size) {
        bytes = Math.max(0, bytes - size);
    }

    /** Adds what the start scan found to what was written meanwhile. */
    synchronized void scanCompleted(long scannedBytes) {
        bytes += scannedBytes;
        scanned = true;
    }

    synchronized long bytes() {
        return bytes;
    }

    /** Whether the start scan has finished; before that, {@link #bytes} is too low. */
    synchronized boolean isScanned() {
        return scanned;
    }
}
