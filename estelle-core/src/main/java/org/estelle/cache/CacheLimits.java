package org.estelle.cache;

/**
 * How big the cache may grow: above {@code limit × highRatio} bytes the
 * evictor starts removing thumbnails, and it stops below {@code limit × lowRatio}.
 */
public record CacheLimits(long limit, double highRatio, double lowRatio) {

    public CacheLimits {
        if (limit < 1) {
            throw new IllegalArgumentException("cache limit must be positive, not " + limit);
        }
        if (!(lowRatio > 0 && lowRatio < highRatio && highRatio <= 1)) {
            throw new IllegalArgumentException("cache ratios must satisfy 0 < low < high <= 1, not low="
                    + lowRatio + " high=" + highRatio);
        }
    }

    /** 1 GB, 0.90, 0.75: the Go daemon's defaults. */
    public static final CacheLimits DEFAULT = new CacheLimits(1L << 30, 0.90, 0.75);

    public long highWatermark() {
        return (long) (limit * highRatio);
    }

    public long lowWatermark() {
        return (long) (limit * lowRatio);
    }
}
