package org.estelle.bench;

import org.estelle.Estelle;
import org.estelle.ThumbnailRequest;
import org.estelle.ThumbnailSize;
import org.estelle.cache.CacheLimits;
import org.estelle.cache.Fingerprint;
import org.estelle.cache.ThumbnailCache;
import org.estelle.cache.ThumbnailId;
import org.estelle.engine.VipsCommandEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@link ThumbnailCache#lookup}: a hit (one stat of the thumbnail, its
 * hand-out recorded; the file was just made, so no lazy touch) and a miss (a
 * stat that fails). The hit's thumbnail is made in setup by the real engine.
 * A hit that comes out empty, or a miss that does not, fails the benchmark.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CacheLookupBenchmark {

    private Scratch scratch;
    private ThumbnailCache cache;
    private ThumbnailId present;
    private ThumbnailId absent;

    @Setup
    public void setUp() throws IOException {
        scratch = Scratch.create();
        Path source = TestImage.jpeg(scratch.directory("photos").resolve("IMG_0001.jpg"));
        ThumbnailRequest request = ThumbnailRequest.parse(source.toString(), "85x85", null, null, Estelle.DEFAULT_MAX_EDGE);
        Fingerprint fingerprint = Fingerprint.of(request.source(),
                Files.readAttributes(source, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        present = ThumbnailId.of(fingerprint, request.size(), request.mode(), request.format());
        absent = ThumbnailId.of(fingerprint, new ThumbnailSize(86, 86), request.mode(), request.format());

        cache = new ThumbnailCache(scratch.directory("cache"), CacheLimits.DEFAULT);
        VipsCommandEngine engine = VipsCommandEngine.fromPath();
        cache.store(present, temporary -> engine.render(request, source, temporary));
        hit();
        miss();
    }

    @TearDown
    public void tearDown() {
        cache.close();
        scratch.close();
    }

    @Benchmark
    public Path hit() {
        return cache.lookup(present).orElseThrow(() -> new IllegalStateException("not in the cache: " + present));
    }

    @Benchmark
    public Optional<Path> miss() {
        Optional<Path> found = cache.lookup(absent);
        if (found.isPresent()) {
            throw new IllegalStateException("in the cache: " + absent);
        }
        return found;
    }
}
