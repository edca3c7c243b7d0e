package org.estelle.daemon.config;

/** Every environment variable estelled reads, with its default as {@code --help} shows it. */
public enum Variable {
    ESTELLE_ADDR(":1186", "where to listen: HOST:PORT, :PORT (all interfaces), [::1]:PORT or unix:///abs/path.sock"),
    ESTELLE_ALLOWED_DIRS("(required)", "directories whose images may be thumbnailed, separated by ':'"),
    ESTELLE_CACHE_DIR("$HOME/.cache/estelled", "where thumbnails are kept; created if missing, must be writable"),
    ESTELLE_CACHE_LIMIT("1GB", "cache size limit: bytes with an optional unit B, K/KB, M/MB, G/GB, T/TB (1024-based)"),
    ESTELLE_GC_HIGH_RATIO("0.90", "eviction starts above limit x this ratio (0 < low < high <= 1)"),
    ESTELLE_GC_LOW_RATIO("0.75", "eviction stops below limit x this ratio"),
    ESTELLE_WORKERS("logical cores / 2, at least 1", "thumbnails made at once"),
    ESTELLE_QUEUE_SIZE("1024", "tasks that may wait for a worker; beyond it requests get 503"),
    ESTELLE_SECRET("(empty: no authentication)", "when set, every request needs key=<secret>"),
    ESTELLE_MAX_SIZE("4096", "largest thumbnail edge in pixels a request may ask for");

    private final String defaultText;
    private final String description;

    Variable(String defaultText, String description) {
        this.defaultText = defaultText;
        this.description = description;
    }

    public String defaultText() {
        return defaultText;
    }

    public String description() {
        return description;
    }
}
