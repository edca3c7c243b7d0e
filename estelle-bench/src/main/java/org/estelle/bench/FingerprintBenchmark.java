package org.estelle.bench;

import org.estelle.Estelle;
import org.estelle.ThumbnailRequest;
import org.estelle.cache.Fingerprint;
import org.estelle.cache.ThumbnailId;
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
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * The cache identity of a request, as every {@code /get} computes it once the
 * source is admitted: the fingerprint of the source's path, size and mtime,
 * its SHA-1 ID, then the thumbnail's file name and its path in the cache.
 * The file's attributes are read once in setup: the stat is
 * {@link AllowedDirsBenchmark}'s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FingerprintBenchmark {

    private Scratch scratch;
    private ThumbnailRequest request;
    private BasicFileAttributes attributes;

    @Setup
    public void setUp() throws IOException {
        scratch = Scratch.create();
        Path source = TestImage.jpeg(scratch.directory("photos/2026/holidays").resolve("IMG_0001.jpg"));
        request = ThumbnailRequest.parse(source.toString(), "85x85", null, null, Estelle.DEFAULT_MAX_EDGE);
        attributes = Files.readAttributes(source, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    @TearDown
    public void tearDown() {
        scratch.close();
    }

    /** The SHA-1 alone: {@code Fingerprint.of} and {@code id()}. */
    @Benchmark
    public String fingerprintId() {
        return Fingerprint.of(request.source(), attributes).id();
    }

    /** The whole: fingerprint, ID, {@code fileName()} and {@code relativePath()}. */
    @Benchmark
    public String thumbnailId(Blackhole blackhole) {
        ThumbnailId id = ThumbnailId.of(Fingerprint.of(request.source(), attributes),
                request.size(), request.mode(), request.format());
        blackhole.consume(id.fileName());
        return id.relativePath();
    }
}
