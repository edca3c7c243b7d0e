package org.estelle.daemon.config;

/** Every environment variable estelled reads, with its default as {@code --help} shows it. */
public enum Variable {
    ESTELLE_ADDR(":1186", "where to listen: HOST:PORT, :PORT (all interfaces), [::1]:PORT or unix:///abs/path.sock"),
    ESTELLE_SOCKET_MODE("(as created, after the umask)", "permissions of the unix:// socket file, in octal,"
            + " e.g. 0660 to let a group of client programs connect"),
    ESTELLE_ALLOWED_DIRS("(required)", "directories whose images may be thumbnailed, separated by ':'"),
    ESTELLE_CACHE_DIR("$HOME/.cache/estelled", "where thumbnails are kept; created if missing, must be writable"),
    ESTELLE_CACHE_LIMIT("1GB", "cache size limit: bytes with an optional unit B, K/KB, M/MB, G/GB, T/TB (1024-based)"),
    ESTELLE_GC_HIGH_RATIO("0.90", "eviction starts above limit x this ratio (0 < low < high <= 1)"),
    ESTELLE_GC_LOW_RATIO("0.75", "eviction stops below limit x this ratio"),
    ESTELLE_WORKERS("logical cores / 2, at least 1", "thumbnails made at once"),
    ESTELLE_QUEUE_SIZE("1024", "tasks that may wait for a worker; beyond it requests get 503"),
    ESTELLE_SECRET("(empty: no authentication)", "when set, every request needs key=<secret>"),
    ESTELLE_ENGINE("auto", "libvips (in-process), vipsthumbnail (a vips child process per thumbnail),"
            + " or auto (libvips, loaded at the first thumbnail, else vipsthumbnail)"),
    ESTELLE_IDLE_TIMEOUT("30", "seconds a connection may stay idle, or a client take to send its request,"
            + " before it is closed (a request waiting for its thumbnail is not idle)"),
    ESTELLE_LOG_FORMAT("text", "text (one line per record, for people) or json (one object per line, for journald or Loki)"),
    ESTELLE_LOG_LEVEL("info", "error, warn, info (a line per request) or debug"),
    ESTELLE_MAX_SIZE("4096", "largest thumbnail edge in pixels a request may ask for"),
    ESTELLE_MAX_PIXELS("100M", "largest source (width x height, K/M/G units, 1000-based) that is decoded;"
            + " a larger one is refused with 422 before decoding");

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
