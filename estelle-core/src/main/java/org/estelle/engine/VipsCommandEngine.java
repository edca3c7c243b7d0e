package org.estelle.engine;

import org.estelle.BusyException;
import org.estelle.InsufficientStorageException;
import org.estelle.Mode;
import org.estelle.NotFoundException;
import org.estelle.ThumbnailFailedException;
import org.estelle.ThumbnailRequest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

    private static final int MAX_ERROR_BYTES = 16 * 1024;
    private static final String NOT_AN_IMAGE = "is not a known file format";
    private static final String NO_SPACE = "No space left on device";
    private static final String STDIN = "/proc/self/fd/0";

    private final String executable;
    private final Duration timeout;

    /**
     * @param executable the {@code vips} program, a name looked up in {@code PATH} or a path
     * @param timeout how long one thumbnail may take before the child is killed
     */
    public VipsCommandEngine(String executable, Duration timeout) {
        this.executable = executable;
        this.timeout = timeout;
    }

    /** {@code vips} from {@code PATH}, two minutes per thumbnail. */
    public static VipsCommandEngine fromPath() {
        return new VipsCommandEngine("vips", Duration.ofMinutes(2));
    }

    @Override
    public String name() {
        return "vipsthumbnail";
    }

    /** The version line of {@code vips --version}, e.g. {@code vips-8.14.1}; fails if it cannot run. */
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
        // The child reads the source as its stdin, named /proc/self/fd/0: vips takes a
        // trailing "[...]" in a file name as loader options, so a name like
        // "x.jpg[fail_on=none]" or "link[]" must never reach it.
        ProcessBuilder builder = new ProcessBuilder(command(request, target))
                .redirectInput(ProcessBuilder.Redirect.from(source.toFile()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("VIPS_BLOCK_UNTRUSTED", "1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ThumbnailFailedException("cannot run " + executable + ": " + e.getMessage(), e);
        }
        ErrorReader errors = ErrorReader.start(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new ThumbnailFailedException("thumbnailing " + request.source()
                        + " took longer than " + timeout.toSeconds() + " s and was stopped");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly(); // shutdown gave up waiting for it
            Thread.currentThread().interrupt();
            throw new BusyException("estelled is shutting down");
        }
        if (process.exitValue() != 0) {
            String message = errors.firstError().replace(STDIN, request.source().toString());
            if (errors.text.contains(NO_SPACE)) {
                throw new InsufficientStorageException("cannot write the thumbnail of " + request.source()
                        + ": no space left on the cache's disk");
            }
            if (message.contains(NOT_AN_IMAGE)) {
                throw new NotFoundException("source " + request.source() + " is not a recognised image");
            }
            throw new ThumbnailFailedException("cannot thumbnail " + request.source() + ": " + message);
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

    /** Drains the child's stderr on a virtual thread, so a timeout can still fire. */
    private static final class ErrorReader {
        private final Thread thread;
        private volatile String text = "";

        private ErrorReader(InputStream stream) {
            this.thread = Thread.ofVirtual().unstarted(() -> {
                try (stream) {
                    text = new String(stream.readNBytes(MAX_ERROR_BYTES), StandardCharsets.UTF_8);
                    stream.transferTo(java.io.OutputStream.nullOutputStream()); // keep the pipe from filling
                } catch (IOException e) {
                    text = "cannot read the error output: " + e.getMessage();
                }
            });
        }

        static ErrorReader start(InputStream stream) {
            ErrorReader reader = new ErrorReader(stream);
            reader.thread.start();
            return reader;
        }

        /** The first line libvips wrote that is an error, not a GLib warning. */
        String firstError() {
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return text.lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("(vips:"))
                    .findFirst()
                    .orElse("vips failed without a message");
        }
    }
}
