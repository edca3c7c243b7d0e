package org.estelle.vips;

import org.estelle.Mode;
import org.estelle.ThumbnailSize;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import static java.lang.foreign.ValueLayout.ADDRESS;

/**
 * libvips in this process, set up once for thumbnails of untrusted files:
 *
 * <ul>
 *   <li>the operation cache is off ({@code vips_cache_set_max(0)}): it would
 *       keep files open and could answer for a file that has since changed;</li>
 *   <li>only well-fuzzed loaders run ({@code vips_block_untrusted_set(TRUE)});
 *       a file that only a blocked loader recognises is not an image;</li>
 *   <li>each operation uses {@value #CONCURRENCY} thread of libvips' own
 *       ({@code vips_concurrency_set}); parallelism comes from the scheduler's
 *       workers instead. Measured on this project's 2-core machine, idle
 *       otherwise: a 3264x2448 photo as JPEG or PNG, cropped to a 256x256 or
 *       1024x1024 WebP, thumbnails per second (median of 5 runs; 3 for 1024;
 *       liborc still on, see below; with it off, JPEG→256 gave 21.8, 18.4,
 *       31.6 and 26.7 in the order of the rows below):
 *       <pre>
 *       workers  concurrency   JPEG→256   PNG→256   JPEG→1024
 *          1          1          21.7       12.2         5.1
 *          1          2          21.3       11.8         5.5
 *          2          1          32.5       18.8        10.2
 *          2          2          31.9       19.2         8.5
 *       </pre>
 *       Decoding (libjpeg, libpng) runs on one thread whatever the setting,
 *       so libvips' own threads add nothing to a small thumbnail and at most
 *       8% to a large one, while a second worker adds 50–100%. With as many
 *       workers as cores, more libvips threads only oversubscribe the CPU
 *       (slower, and a wider spread between runs) and cost a per-thread buffer
 *       each. So: one libvips thread per operation, one worker per core.</li>
 *   <li>libvips' run-time generated SIMD code (liborc) is off
 *       ({@code vips_vector_set_enabled(FALSE)}). With it on, every thumbnail
 *       compiles and frees a few liborc programs, and liborc 0.4.33 (Debian 12)
 *       frees program memory without taking the lock it allocates under: two
 *       workers freeing at once corrupt its list and crash the JVM (seen in
 *       this project's robustness test, SIGSEGV in {@code orc_code_free}).
 *       With it off no liborc program is freed at all; a few are compiled
 *       once, under {@code g_once}, by the attention crop. The cost, measured
 *       as above with on and off interleaved, off vs on: none within noise
 *       for 256x256 (JPEG 21.7 vs 22.6/s and PNG 11.4 vs 12.6/s with one
 *       worker; JPEG 36.6 vs 34.0/s with two), up to 14% for a 1024x1024 JPEG
 *       thumbnail with one worker (4.3 vs 5.0/s; 8.2 vs 8.4/s with two).</li>
 *   <li>a source reaches libvips as {@code /proc/self/fd/N} of a descriptor
 *       opened here ({@link OpenSource}), never by its name, which libvips
 *       would parse for loader options;</li>
 *   <li>metadata is stripped from every format: JPEG and PNG by the saver's
 *       {@code strip} option, WebP by {@code WebpMetadata}, because 8.14's
 *       WebP saver ignores {@code strip};</li>
 *   <li>libvips' GLib warnings (e.g. "error in tile 0 x 0" for every broken
 *       file) go to {@link System.Logger} at DEBUG rather than to stderr, and
 *       to {@code ErrorAttribution}, which reports them when a failure left
 *       no error message; the error that matters reaches the caller as an
 *       exception.</li>
 * </ul>
 *
 * <p>Every call that can write to libvips' process-wide error buffer goes
 * through {@code ErrorAttribution}, so concurrent callers each get the message
 * of their own failure. Native memory lives in a confined arena per call, and
 * every libvips object is unreferenced in a {@code finally} before its arena
 * closes. Thread-safe.
 */
public final class Libvips {

    private static final System.Logger LOG = System.getLogger(Libvips.class.getName());

    /** libvips' own threads per operation; see the class comment for why. */
    static final int CONCURRENCY = 1;

    private static final Object LOADING = new Object();
    private static Libvips instance;
    private static String failure;

    // Static, because libvips' warnings reach it through a static upcall.
    private static final ErrorAttribution ERRORS = new ErrorAttribution();

    private final String version;

    private Libvips(String version) {
        this.version = version;
    }

    /**
     * The process's libvips, loaded and set up on first use.
     *
     * @throws IllegalStateException naming the reason if libvips cannot be
     *         loaded or is older than 8.14; every later call throws the same
     */
    public static Libvips load() {
        synchronized (LOADING) {
            if (instance == null && failure == null) {
                try {
                    instance = setUp();
                } catch (ExceptionInInitializerError e) {
                    // Vips could not open the library, find a function in it, or was denied native access.
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    failure = "cannot load libvips: " + cause.getMessage() + (cause instanceof IllegalCallerException
                            ? " (start java with --enable-native-access=ALL-UNNAMED)"
                            : " (install libvips42)");
                } catch (IllegalStateException e) {
                    failure = "cannot load libvips: " + e.getMessage();
                }
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            return instance;
        }
    }

    /** E.g. {@code libvips 8.14.1}. */
    public String version() {
        return version;
    }

    /**
     * Opens {@code file} for the other methods; close it when done.
     *
     * @throws NoSuchFileException if it does not exist
     * @throws AccessDeniedException if it may not be read
     * @throws FileSystemException if it cannot be opened otherwise, or is not a regular file
     */
    public OpenSource open(Path file) throws FileSystemException {
        int descriptor;
        int errno;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment callState = Vips.callState(arena);
            descriptor = (int) Vips.open.invokeExact(callState, arena.allocateFrom(file.toString()), Vips.OPEN_FLAGS);
            errno = Vips.errno(callState);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("open failed: " + t, t);
        }
        if (descriptor >= 0) {
            OpenSource source = new OpenSource(file, descriptor);
            // The caller checked that it is a regular file, but it may have been replaced
            // since; a FIFO or device would make libvips wait or read forever.
            if (!Files.isRegularFile(Path.of(source.name()))) {
                source.close();
                throw new FileSystemException(file.toString(), null, "is not a regular file");
            }
            return source;
        }
        throw switch (errno) {
            case 2, 20 -> new NoSuchFileException(file.toString()); // ENOENT, ENOTDIR
            case 1, 13 -> new AccessDeniedException(file.toString()); // EPERM, EACCES
            default -> new FileSystemException(file.toString(), null, "cannot be opened (errno " + errno + ")");
        };
    }

    /**
     * Whether a loader that is not blocked recognises {@code source}. Reads at
     * most the first bytes of the file.
     */
    public boolean isImage(OpenSource source) {
        return ERRORS.shared(() -> {
            try (Arena arena = Arena.ofConfined()) {
                String loader = Vips.string((MemorySegment) Vips.vips_foreign_find_load.invokeExact(
                        arena.allocateFrom(source.name())));
                return loader != null && !blocked(arena, loader);
            }
        });
    }

    /**
     * The dimensions {@code source}'s header declares (for a multi-page file,
     * of its first page), without decoding any pixels.
     *
     * @throws VipsException with libvips' message if the header cannot be read
     */
    public Dimensions dimensions(OpenSource source) {
        return named(source, () -> ERRORS.attributed(() -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment image = (MemorySegment) Vips.vips_image_new_from_file.invokeExact(
                        arena.allocateFrom(source.name()), MemorySegment.NULL);
                if (image.equals(MemorySegment.NULL)) {
                    return null;
                }
                try {
                    return new Dimensions((int) Vips.vips_image_get_width.invokeExact(image),
                            (int) Vips.vips_image_get_height.invokeExact(image));
                } finally {
                    unref(image);
                }
            }
        }));
    }

    /**
     * libvips' thumbnail operation: {@code source}, fitted to {@code box} by
     * {@code mode}, written to {@code target} with metadata stripped. The
     * target's extension ({@code .jpg}, {@code .png}, {@code .webp}) picks the
     * format. Decoding is strict: a truncated source fails.
     *
     * @throws VipsException with libvips' message if loading, shrinking or writing fails
     * @throws IOException if a written WebP file cannot be rewritten without its metadata
     */
    public void thumbnail(OpenSource source, Path target, ThumbnailSize box, Mode mode) throws IOException {
        named(source, () -> render(source, target, box, mode));
        if (target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".webp")) {
            WebpMetadata.strip(target);
        }
    }

    private static Boolean render(OpenSource source, Path target, ThumbnailSize box, Mode mode) {
        return ERRORS.attributed(() -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment out = arena.allocate(ADDRESS);
                out.set(ADDRESS, 0, MemorySegment.NULL);
                int failed = (int) Vips.vips_thumbnail.invokeExact(
                        arena.allocateFrom(source.name()), out, box.width(),
                        arena.allocateFrom("height"), box.height(),
                        arena.allocateFrom("fail_on"), Vips.FAIL_ON_TRUNCATED,
                        arena.allocateFrom(mode == Mode.CROP ? "crop" : "size"), fit(mode),
                        MemorySegment.NULL);
                MemorySegment image = out.get(ADDRESS, 0);
                try {
                    if (failed != 0) {
                        return null;
                    }
                    // The thumbnail is a lazy pipeline: the file is decoded while it is written.
                    int written = (int) Vips.vips_image_write_to_file.invokeExact(
                            image, arena.allocateFrom(target + "[strip]"), MemorySegment.NULL);
                    return written == 0 ? Boolean.TRUE : null;
                } finally {
                    unref(image);
                }
            }
        });
    }

    // libvips' messages name the file it was given, /proc/self/fd/N; callers know the file by its path.
    private static <T> T named(OpenSource source, Supplier<T> call) {
        try {
            return call.get();
        } catch (VipsException e) {
            throw new VipsException(source.named(e.getMessage()));
        }
    }

    private static int fit(Mode mode) {
        return switch (mode) {
            case CROP -> Vips.INTERESTING_ATTENTION;
            case SHRINK -> Vips.SIZE_BOTH;
            case STRETCH -> Vips.SIZE_FORCE;
        };
    }

    // vips_foreign_find_load does not skip blocked loaders in 8.14: it names
    // e.g. ppmload, which then fails to build with "operation is blocked".
    private static boolean blocked(Arena arena, String loader) throws Throwable {
        MemorySegment operation = (MemorySegment) Vips.vips_operation_new.invokeExact(arena.allocateFrom(loader));
        if (operation.equals(MemorySegment.NULL)) {
            throw new IllegalStateException("libvips cannot make its own loader " + loader);
        }
        try {
            return ((int) Vips.vips_operation_get_flags.invokeExact(operation) & Vips.OPERATION_BLOCKED) != 0;
        } finally {
            unref(operation);
        }
    }

    private static void unref(MemorySegment object) throws Throwable {
        if (!object.equals(MemorySegment.NULL)) {
            Vips.g_object_unref.invokeExact(object);
        }
    }

    // Runs once, under LOADING, before any operation: nothing else uses libvips yet.
    private static Libvips setUp() {
        String platform = System.getProperty("os.name") + " on " + System.getProperty("os.arch");
        if (!platform.equals("Linux on amd64") && !platform.equals("Linux on aarch64")) {
            // Sources are passed as /proc/self/fd/N, opened with Linux's flag values for these two.
            throw new IllegalStateException("the in-process engine needs Linux on amd64 or aarch64, not " + platform);
        }
        try (Arena arena = Arena.ofConfined()) {
            int major = (int) Vips.vips_version.invokeExact(0);
            int minor = (int) Vips.vips_version.invokeExact(1);
            int micro = (int) Vips.vips_version.invokeExact(2);
            String version = "libvips " + major + "." + minor + "." + micro;
            if (major != 8 || minor < 14) {
                throw new IllegalStateException(version + " is too old: 8.14 or newer is needed");
            }
            if ((int) Vips.vips_init.invokeExact(arena.allocateFrom("estelle")) != 0) {
                String buffer = Vips.string((MemorySegment) Vips.vips_error_buffer.invokeExact());
                throw new IllegalStateException("vips_init failed: " + ErrorAttribution.oneLine(buffer, List.of()));
            }
            Vips.vips_cache_set_max.invokeExact(0);
            Vips.vips_block_untrusted_set.invokeExact(Vips.TRUE);
            Vips.vips_concurrency_set.invokeExact(CONCURRENCY);
            Vips.vips_vector_set_enabled.invokeExact(Vips.FALSE);
            routeWarningsToLog();
            return new Libvips(version);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t.toString(), t);
        }
    }

    // The stub lives in the global arena because GLib keeps calling it for the
    // life of the process (it copies the domain string, but not the function).
    private static void routeWarningsToLog() throws Throwable {
        MemorySegment handler = Vips.linker().upcallStub(
                MethodHandles.lookup().findStatic(Libvips.class, "warning",
                        MethodType.methodType(void.class, MemorySegment.class, int.class,
                                MemorySegment.class, MemorySegment.class)),
                Vips.G_LOG_FUNC, Arena.global());
        int id = (int) Vips.g_log_set_handler.invokeExact(
                Arena.global().allocateFrom("VIPS"), Vips.G_LOG_LEVEL_WARNING, handler, MemorySegment.NULL);
        if (id == 0) {
            throw new IllegalStateException("g_log_set_handler refused the handler for libvips' warnings");
        }
    }

    // GLogFunc; called on whichever thread warned, often one of libvips' own.
    // An exception must not escape into C, so none can.
    private static void warning(MemorySegment domain, int level, MemorySegment message, MemorySegment data) {
        try {
            String text = Vips.string(message);
            ERRORS.warning(text);
            LOG.log(System.Logger.Level.DEBUG, "libvips warning: {0}", text);
        } catch (Throwable ignored) {
            // nothing sensible to do on a libvips thread
        }
    }
}
