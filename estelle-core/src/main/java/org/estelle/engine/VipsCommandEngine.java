package org.estelle.engine;

import org.estelle.BusyException;
import org.estelle.CacheException;
import org.estelle.Format;
import org.estelle.Estelle;
import org.estelle.InsufficientStorageException;
import org.estelle.Mode;
import org.estelle.NotFoundException;
import org.estelle.ThumbnailFailedException;
import org.estelle.ThumbnailRequest;
import org.estelle.vips.WebpMetadata;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs libvips' thumbnail operation in a child process, one per thumbnail, as
 * the Go daemon does. It runs {@code vips thumbnail} rather than
 * {@code vipsthumbnail}: the same operation, but the 8.14 command line of the
 * latter has no way to ask for strict decoding ({@code --fail-on truncated}),
 * so a truncated photo would come out half grey instead of failing.
 *
 * <p>The child gets {@code VIPS_BLOCK_UNTRUSTED=1}, so only libvips' well-fuzzed
 * loaders run; a file only an untrusted loader would read is "not a known file
 * format", which is a 404 like any other non-image.
 */
public final class VipsCommandEngine implements ThumbnailEngine {

    private static final int MAX_OUTPUT_BYTES = 16 * 1024;
    private static final String NOT_AN_IMAGE = "is not a known file format";
    private static final String NO_SPACE = "No space left on device";
    /** Only an untrusted loader (VIPS_BLOCK_UNTRUSTED) would read it: as good as unknown. */
    private static final String BLOCKED = "operation is blocked";
    private static final String STDIN = "/proc/self/fd/0";

    private final String executable;
    private final String headerExecutable;
    private final Duration timeout;
    private final long maxPixels;

    /**
     * @param executable the {@code vips} program, a name looked up in {@code PATH} or a path;
     *                   {@code vipsheader} is looked up beside it
     * @param timeout how long one thumbnail may take before the child is killed
     * @param maxPixels the largest source (width × height) that is decoded
     */
    public VipsCommandEngine(String executable, Duration timeout, long maxPixels) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be positive, not " + maxPixels);
        }
        this.executable = executable;
        this.headerExecutable = executable.contains("/")
                ? Path.of(executable).resolveSibling("vipsheader").toString() : "vipsheader";
        this.timeout = timeout;
        this.maxPixels = maxPixels;
    }

    /** {@code vips} from {@code PATH}, two minutes per thumbnail, at most {@link Estelle#DEFAULT_MAX_PIXELS} per source. */
    public static VipsCommandEngine fromPath() {
        return fromPath(Estelle.DEFAULT_MAX_PIXELS);
    }

    /** {@code vips} from {@code PATH}, two minutes per thumbnail, at most {@code maxPixels} per source. */
    public static VipsCommandEngine fromPath(long maxPixels) {
        return new VipsCommandEngine("vips", Duration.ofMinutes(2), maxPixels);
    }

    /**
     * Whether {@code vips} is an executable file in one of {@code PATH}'s
     * directories, as a child process would find it: a check of a few file
     * attributes, where {@link #version()} starts a process.
     */
    public static boolean isOnPath() {
        String path = System.getenv("PATH"); // the child's lookup, not a setting of ours
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "vips")) && Files.isRegularFile(Path.of(dir, "vips"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String name() {
        return "vipsthumbnail";
    }

    /** The version line of {@code vips --version}, e.g. {@code vips-8.14.1}. */
    @Override
    public String version() {
        try {
            Process process = new ProcessBuilder(executable, "--version").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readNBytes(256), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("`" + executable + " --version` failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run `" + executable + "`: " + e.getMessage()
                    + " (install libvips-tools)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running `" + executable + " --version`", e);
        }
    }

    @Override
    public void render(ThumbnailRequest request, Path source, Path target) {
        checkDimensions(request, source);
        run(command(request, target), request, source);
        if (request.format() == Format.WEBP) {
            // libvips 8.14's webpsave ignores [strip]: camera, GPS and profile would leak.
            try {
                WebpMetadata.strip(target);
            } catch (IOException e) {
                throw new CacheException("cannot strip the metadata of " + target + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Runs one vips program on the source and returns what it printed.
     * The child reads the source as its stdin, named /proc/self/fd/0: vips
     * takes a trailing "[...]" in a file name as loader options, so a name
     * like "x.jpg[fail_on=none]" or "link[]" must never reach it.
     */
    private String run(List<String> command, ThumbnailRequest request, Path source) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(source.toFile()));
        builder.environment().put("VIPS_BLOCK_UNTRUSTED", "1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ThumbnailFailedException("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        }
        StreamReader output = StreamReader.start(process.getInputStream());
        StreamReader errors = StreamReader.start(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw ThumbnailFailedException.verdict("thumbnailing " + request.source()
                        + " took longer than " + timeout.toSeconds() + " s and was stopped");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly(); // shutdown gave up waiting for it
            Thread.currentThread().interrupt();
            throw new BusyException("estelled is shutting down");
        }
        if (process.exitValue() != 0) {
            String all = errors.text();
            if (all.contains(NO_SPACE)) {
                throw new InsufficientStorageException("cannot write the thumbnail of " + request.source()
                        + ": no space left on the cache's disk");
            }
            String message = firstError(all).replace(STDIN, request.source().toString());
            if (message.contains(NOT_AN_IMAGE) || message.contains(BLOCKED)) {
                throw NotFoundException.notAnImage("source " + request.source() + " is not a recognised image");
            }
            throw ThumbnailFailedException.verdict("cannot thumbnail " + request.source() + ": " + message);
        }
        return output.text();
    }

    /** The first line libvips wrote that is an error, not a GLib warning. */
    private static String firstError(String stderr) {
        return stderr.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("(vips") && !line.startsWith("(vipsheader"))
                .map(line -> line.startsWith("vipsheader: ") ? line.substring("vipsheader: ".length()) : line)
                .findFirst()
                .orElse("vips failed without a message");
    }

    private static final Pattern HEADER = Pattern.compile(": (\\d+)x(\\d+) ");

    /**
     * Refuses a source larger than {@link #maxPixels} before any pixel is
     * decoded: {@code vipsheader} reads the header only. (It costs a process,
     * some 60 ms; the in-process engine reads the header for free.)
     */
    private void checkDimensions(ThumbnailRequest request, Path source) {
        String header = run(List.of(headerExecutable, STDIN), request, source);
        Matcher m = HEADER.matcher(header);
        if (!m.find()) {
            throw ThumbnailFailedException.verdict("cannot read the header of " + request.source() + ": " + header.strip());
        }
        long width = Long.parseLong(m.group(1));
        long height = Long.parseLong(m.group(2));
        if (width * height > maxPixels) {
            throw ThumbnailFailedException.verdict("source " + request.source() + " is " + width + "x" + height
                    + " = " + (width * height) + " pixels, more than the limit of " + maxPixels + " (ESTELLE_MAX_PIXELS)");
        }
    }

    List<String> command(ThumbnailRequest request, Path target) {
        List<String> command = new ArrayList<>(List.of(
                executable, "thumbnail", STDIN, target + "[strip]",
                Integer.toString(request.size().width()),
                "--height", Integer.toString(request.size().height()),
                "--fail-on", "truncated"));
        if (request.mode() == Mode.CROP) {
            command.addAll(List.of("--crop", "attention"));
        } else if (request.mode() == Mode.STRETCH) {
            command.addAll(List.of("--size", "force"));
        }
        return command;
    }

    /** Drains one of the child's streams on a virtual thread, so a timeout can still fire. */
    private static final class StreamReader {
        private final Thread thread;
        private volatile String text = "";

        private StreamReader(InputStream stream) {
            this.thread = Thread.ofVirtual().unstarted(() -> {
                try (stream) {
                    text = new String(stream.readNBytes(MAX_OUTPUT_BYTES), StandardCharsets.UTF_8);
                    stream.transferTo(java.io.OutputStream.nullOutputStream()); // keep the pipe from filling
                } catch (IOException e) {
                    text = "cannot read the output: " + e.getMessage();
                }
            });
        }

        static StreamReader start(InputStream stream) {
            StreamReader reader = new StreamReader(stream);
            reader.thread.start();
            return reader;
        }

        /** All it read; waits briefly for the stream to end (the process has exited). */
        String text() {
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return text;
        }
    }
}
