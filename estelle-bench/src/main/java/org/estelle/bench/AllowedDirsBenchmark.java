package org.estelle.bench;

import org.estelle.ForbiddenException;
import org.estelle.source.AllowedDirs;
import org.estelle.source.SourceFile;
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
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The admission check every {@code /get} starts with, {@link AllowedDirs#resolve}:
 * every symbolic link resolved, then the file's attributes read. On a plain
 * file under the allowed directory, on a file reached through a symbolic link
 * to a directory inside it, and on a file outside, refused before the file
 * system is asked (what costs there is the exception). Each case is checked
 * in setup, and each call must come out as its case says.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AllowedDirsBenchmark {

    private Scratch scratch;
    private AllowedDirs allowed;
    private Path plain;
    private Path throughLink;
    private Path outside;

    @Setup
    public void setUp() throws IOException {
        scratch = Scratch.create();
        Path photos = scratch.directory("photos");
        plain = TestImage.jpeg(scratch.directory("photos/2026/holidays").resolve("IMG_0001.jpg"));
        // photos/latest -> 2026/holidays: the link lies inside the allowed directory, and so does its target.
        Files.createSymbolicLink(photos.resolve("latest"), Path.of("2026/holidays"));
        throughLink = photos.resolve("latest/IMG_0001.jpg");
        outside = TestImage.jpeg(scratch.directory("elsewhere").resolve("IMG_0001.jpg"));
        allowed = AllowedDirs.of(List.of(photos));

        check(plainFile().realPath().equals(plain), "the plain file resolves to itself");
        check(throughSymlink().realPath().equals(plain), "the link resolves to the plain file");
        outside(); // throws unless refused
    }

    @TearDown
    public void tearDown() {
        scratch.close();
    }

    @Benchmark
    public SourceFile plainFile() {
        return allowed.resolve(plain);
    }

    @Benchmark
    public SourceFile throughSymlink() {
        return allowed.resolve(throughLink);
    }

    @Benchmark
    public ForbiddenException outside() {
        try {
            allowed.resolve(outside);
        } catch (ForbiddenException expected) {
            return expected;
        }
        throw new IllegalStateException(outside + " was admitted");
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("expected: " + what);
        }
    }
}
