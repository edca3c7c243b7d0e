package org.estelle;

import org.estelle.cache.CacheLimits;
import org.estelle.cache.ThumbnailCache;
import org.estelle.cache.ThumbnailId;
import org.estelle.engine.ThumbnailEngine;
import org.estelle.engine.VipsCommandEngine;
import org.estelle.queue.Priority;
import org.estelle.queue.Scheduler;
import org.estelle.source.AllowedDirs;
import org.estelle.source.OpenedSource;
import org.estelle.source.SourceFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * A thumbnail pool: ask for a thumbnail of an image, get the path of a file in
 * the cache directory. This is the whole library API; the daemon is a thin
 * HTTP layer over it.
 *
 * <pre>{@code
 * try (Estelle estelle = Estelle.builder()
 *         .cacheDir(Path.of("/var/cache/estelled"))
 *         .allowedDirs(List.of(Path.of("/srv/photos")))
 *         .build()) {
 *     Path thumbnail = estelle.thumbnail(ThumbnailRequest.of(Path.of("/srv/photos/a.jpg"))).join().path();
 * }
 * }</pre>
 *
 * <p>Errors are {@link EstelleException}s; {@link #thumbnail} reports them
 * through its future (unwrap a {@link java.util.concurrent.CompletionException}),
 * {@link #enqueue} throws them.
 */
public final class Estelle implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Estelle.class.getName());

    private final AllowedDirs allowedDirs;
    private final ThumbnailCache cache;
    private final ThumbnailEngine engine;
    private final Scheduler scheduler;
    private final int maxEdge;
    private final Duration shutdownGrace;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder generations = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final FailureMemory knownFailures = new FailureMemory();
    private final GenerationObserver observer;

    private Estelle(Builder builder, ThumbnailCache cache) {
        this.allowedDirs = AllowedDirs.of(builder.allowedDirs);
        this.cache = cache;
        this.engine = builder.engine;
        this.maxEdge = builder.maxEdge;
        this.shutdownGrace = builder.shutdownGrace;
        this.observer = builder.observer;
        this.scheduler = new Scheduler(builder.workers, builder.queueSize);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The thumbnail, made first if it is not in the cache yet.
     * A request for a thumbnail already being made joins that work.
     *
     * @return a future of the thumbnail, already complete on a hit; it fails
     *         with an {@link EstelleException}
     */
    public CompletableFuture<Thumbnail> thumbnail(ThumbnailRequest request) {
        try {
            Prepared prepared = prepare(request);
            if (prepared.hit().isPresent()) {
                return CompletableFuture.completedFuture(Thumbnail.hit(prepared.hit().get()));
            }
            ThumbnailId id = prepared.id();
            // Completes on the worker that made the thumbnail: what follows must not block.
            CompletableFuture<Thumbnail> made = scheduler.submit(id.fileName(), Priority.WAITING,
                    () -> make(request, prepared.source(), id));
            // Accepted (a full queue has thrown): protected from now on, so the evictor cannot
            // take it between its making and its hand-out; and again at the hand-out.
            cache.handedOut(id);
            return made.thenApply(thumbnail -> {
                cache.handedOut(id);
                return thumbnail;
            });
        } catch (EstelleException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Makes sure the thumbnail will exist without waiting for it.
     *
     * @return its path if it is in the cache already; empty if it is now
     *         queued (or was already queued or being made)
     * @throws EstelleException if the request is refused, e.g. {@link BusyException} when the queue is full
     */
    public Optional<Path> enqueue(ThumbnailRequest request) {
        Prepared prepared = prepare(request);
        if (prepared.hit().isEmpty()) {
            scheduler.submit(prepared.id().fileName(), Priority.BACKGROUND,
                    () -> make(request, prepared.source(), prepared.id()));
        }
        return prepared.hit();
    }

    private record Prepared(SourceFile source, ThumbnailId id, Optional<Path> hit) {
    }

    /** Checks the request and looks in the cache; a miss on a source known to fail throws its failure. */
    private Prepared prepare(ThumbnailRequest request) {
        checkSize(request);
        SourceFile source = allowedDirs.resolve(request.source());
        ThumbnailId id = ThumbnailId.of(source.fingerprint(), request.size(), request.mode(), request.format());
        Optional<Path> hit = cache.lookup(id);
        if (hit.isPresent()) {
            hits.increment();
        } else {
            misses.increment();
            Optional<EstelleException> failed = knownFailures.recall(id.fingerprintId());
            if (failed.isPresent()) {
                throw failed.get();
            }
        }
        return new Prepared(source, id, hit);
    }

    /** The largest thumbnail edge a request may ask for. */
    public int maxEdge() {
        return maxEdge;
    }

    public Path cacheDir() {
        return cache.root();
    }

    public EstelleStats stats() {
        return new EstelleStats(hits.sum(), misses.sum(), generations.sum(), failures.sum(),
                scheduler.queued(), scheduler.running(), cache.bytesInUse(), cache.limits().limit(),
                cache.evictions(), knownFailures.size());
    }

    /**
     * Stops taking work; queued tasks fail with {@link BusyException}, running
     * ones get the shutdown grace period to finish.
     */
    @Override
    public void close() {
        if (!scheduler.shutdown(shutdownGrace)) {
            LOG.log(System.Logger.Level.WARNING, "thumbnails still being made after {0} s were abandoned",
                    shutdownGrace.toSeconds());
        }
        cache.close();
    }

    // ThumbnailRequest.parse checks the edge already; a request built in code may not have been parsed.
    private void checkSize(ThumbnailRequest request) {
        if (request.size().width() > maxEdge || request.size().height() > maxEdge) {
            throw new InvalidRequestException("size " + request.size() + " is invalid: each edge must be"
                    + " from 1 to " + maxEdge + " pixels");
        }
    }

    // Runs on a worker, maybe long after the request was checked: the source is
    // opened and checked again (AllowedDirs.open), and once more by name after
    // rendering, so a file changed or swapped meanwhile is never read from
    // outside nor stored under the old fingerprint.
    private Thumbnail make(ThumbnailRequest request, SourceFile checked, ThumbnailId id) {
        Optional<Path> existing = cache.lookup(id); // another request, or another daemon, may have made it
        if (existing.isPresent()) {
            return Thumbnail.made(existing.get(), Duration.ZERO);
        }
        generations.increment();
        long started = System.nanoTime();
        long[] renderNanos = new long[1];
        try (OpenedSource opened = allowedDirs.open(checked)) {
            // The engine reads the open file, checked after opening: never a name an attacker can swap.
            Path path = cache.store(id, temporary -> {
                long renderStarted = System.nanoTime();
                engine.render(request, opened.path(), temporary);
                renderNanos[0] = System.nanoTime() - renderStarted;
                unchanged(request, checked);
            });
            observer.generated(engine.name(), GenerationOutcome.OK, Duration.ofNanos(System.nanoTime() - started));
            return Thumbnail.made(path, Duration.ofNanos(renderNanos[0]));
        } catch (RuntimeException e) {
            failures.increment();
            knownFailures.remember(id.fingerprintId(), e);
            observer.generated(engine.name(), GenerationOutcome.of(e), Duration.ofNanos(System.nanoTime() - started));
            throw e;
        }
    }

    private SourceFile unchanged(ThumbnailRequest request, SourceFile checked) {
        SourceFile now = allowedDirs.resolve(request.source());
        if (!now.equals(checked)) {
            throw new BusyException("source " + request.source() + " changed while its thumbnail was being made; ask again");
        }
        return now;
    }

    /** Default worker count: half the logical cores, at least one. */
    public static int defaultWorkers() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /** Default for how many tasks may wait for a worker. */
    public static final int DEFAULT_QUEUE_SIZE = 1024;
    /** Default for the largest thumbnail edge a request may ask for. */
    public static final int DEFAULT_MAX_EDGE = 4096;
    /** Default for the largest source (width × height) an engine decodes. */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    /** Validating builder; every setting but the directories has a default. */
    public static final class Builder {
        private Path cacheDir;
        private List<Path> allowedDirs = List.of();
        private int workers = defaultWorkers();
        private int queueSize = DEFAULT_QUEUE_SIZE;
        private int maxEdge = DEFAULT_MAX_EDGE;
        private Duration shutdownGrace = Duration.ofSeconds(20);
        private CacheLimits cacheLimits = CacheLimits.DEFAULT;
        private GenerationObserver observer = GenerationObserver.NONE;
        private ThumbnailEngine engine;

        private Builder() {
        }

        /** Required: where thumbnails are kept; created if missing. */
        public Builder cacheDir(Path cacheDir) {
            this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
            return this;
        }

        /** Required: the directories whose images may be thumbnailed. */
        public Builder allowedDirs(List<Path> allowedDirs) {
            this.allowedDirs = List.copyOf(allowedDirs);
            return this;
        }

        /** How many thumbnails are made at once; default: logical cores / 2, at least 1. */
        public Builder workers(int workers) {
            this.workers = positive("workers", workers);
            return this;
        }

        /** How many tasks may wait for a worker; default 1024. */
        public Builder queueSize(int queueSize) {
            this.queueSize = positive("queueSize", queueSize);
            return this;
        }

        /** The largest edge a request may ask for; default 4096. */
        public Builder maxEdge(int maxEdge) {
            this.maxEdge = positive("maxEdge", maxEdge);
            return this;
        }

        /** How long {@link Estelle#close()} lets running thumbnails finish; default 20 s. */
        public Builder shutdownGrace(Duration shutdownGrace) {
            if (shutdownGrace.isNegative()) {
                throw new IllegalArgumentException("shutdownGrace must not be negative");
            }
            this.shutdownGrace = shutdownGrace;
            return this;
        }

        /** How big the cache may grow, and where eviction starts and stops; default 1 GB, 0.90, 0.75. */
        public Builder cacheLimits(CacheLimits cacheLimits) {
            this.cacheLimits = Objects.requireNonNull(cacheLimits, "cacheLimits");
            return this;
        }

        /** Told about every generation, e.g. for metrics; default: nobody. */
        public Builder observer(GenerationObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /** What makes thumbnails; default: {@code vips thumbnail} child processes. */
        public Builder engine(ThumbnailEngine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /**
         * @throws IllegalArgumentException if a required setting is missing or a
         *         directory cannot be used, naming it
         */
        public Estelle build() {
            if (cacheDir == null) {
                throw new IllegalArgumentException("cacheDir is required");
            }
            if (allowedDirs.isEmpty()) {
                throw new IllegalArgumentException("allowedDirs needs at least one directory");
            }
            if (engine == null) {
                engine = VipsCommandEngine.fromPath();
            }
            Path root = cacheDir.toAbsolutePath().normalize();
            try {
                Files.createDirectories(root);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot create the cache directory " + root + ": " + e, e);
            }
            return new Estelle(this, new ThumbnailCache(root, cacheLimits));
        }

        private static int positive(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be positive, not " + value);
            }
            return value;
        }
    }
}
