package org.estelle.cache;

import java.util.HashSet;
import java.util.Set;

/**
 * The bytes the cache's thumbnails take, kept in memory: a scan at start
 * gives the base, then every write adds and every eviction subtracts.
 *
 * <p>The start scan runs while requests are already served. A thumbnail
 * written meanwhile counts itself, so the scan must not count it again: the
 * writer registers its name here before the file appears, and the scan skips
 * registered names. (Modification times cannot tell: the file system's clock
 * is coarser than the JVM's.)
 *
 * <p>Thread-safe: every method holds this object's monitor; they are called
 * once per write, deletion or scanned file, never on the hit path.
 */
final class CacheUsage {

    private long bytes;
    private boolean scanned;
    private final Set<String> writtenDuringScan = new HashSet<>();

    /** A thumbnail named {@code fileName} is about to appear under its layout name. */
    synchronized void writing(String fileName) {
        if (!scanned) {
            writtenDuringScan.add(fileName);
        }
    }

    /** The file has appeared: {@code delta} is its size less that of the file it replaced. */
    synchronized void added(long delta) {
        bytes = Math.max(0, bytes + delta);
    }

    synchronized void removed(long size) {
        bytes = Math.max(0, bytes - size);
    }

    /** Whether the start scan must skip this file, because its writer counts it. */
    synchronized boolean countedByWriter(String fileName) {
        return !scanned && writtenDuringScan.contains(fileName);
    }

    /** Adds what the start scan found to what was written meanwhile. */
    synchronized void scanCompleted(long scannedBytes) {
        bytes += scannedBytes;
        scanned = true;
        writtenDuringScan.clear();
    }

    synchronized long bytes() {
        return bytes;
    }
}
