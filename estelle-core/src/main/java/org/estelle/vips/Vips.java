package org.estelle.vips;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The C functions of libvips 8.14 ({@code libvips.so.42}) that Estelle calls,
 * as downcall handles, and the enum values it passes; also libc's
 * {@code open} and {@code close}, with which a source is handed to libvips by
 * descriptor rather than by name (see {@link OpenSource}). Nothing else: the
 * rules for using them (initialisation order, error attribution, freeing)
 * live in {@link Libvips} and {@link ErrorAttribution}, the only classes that
 * call these. The {@code fcntl.h} values are those of Linux on x86-64 and
 * arm64, which {@link Libvips#load()} checks for.
 *
 * <p>Loading this class opens the library. When that fails (library missing,
 * symbol missing, native access denied) class initialisation fails, and
 * {@link Libvips#load()} turns that into a clear error once and for all.
 *
 * <p>Variadic functions are bound with one fixed argument list each, ending
 * with the {@code NULL} that terminates libvips' name/value option lists.
 * {@code int}, {@code gboolean} and C enums are all passed as {@code int}.
 */
final class Vips {

    /** {@code VIPS_INTERESTING_ATTENTION} (conversion.h): crop towards what draws the eye. */
    static final int INTERESTING_ATTENTION = 3;
    /** {@code VIPS_SIZE_BOTH} (resample.h): shrink or enlarge to fit, keeping the aspect ratio. */
    static final int SIZE_BOTH = 0;
    /** {@code VIPS_SIZE_FORCE} (resample.h): exactly the box, ignoring the aspect ratio. */
    static final int SIZE_FORCE = 3;
    /** {@code VIPS_FAIL_ON_TRUNCATED} (foreign.h): a truncated file is an error, not a grey band. */
    static final int FAIL_ON_TRUNCATED = 1;
    /** {@code VIPS_OPERATION_BLOCKED} (operation.h): flag of operations that refuse to build. */
    static final int OPERATION_BLOCKED = 32;
    /** {@code G_LOG_LEVEL_WARNING} (gmessages.h). */
    static final int G_LOG_LEVEL_WARNING = 1 << 4;
    /** {@code TRUE} and {@code FALSE} of GLib's {@code gboolean}. */
    static final int TRUE = 1;
    static final int FALSE = 0;
    /**
     * {@code O_RDONLY | O_NONBLOCK | O_CLOEXEC} (fcntl.h, Linux on x86-64 and
     * arm64): read; do not wait if the file turned into a FIFO; never leak into
     * a child process.
     */
    static final int OPEN_FLAGS = 0x800 | 0x80000;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final SymbolLookup LIBVIPS = SymbolLookup.libraryLookup("libvips.so.42", Arena.global());
    // g_object_unref and g_log_set_handler are GLib's; libvips links both libraries, so its
    // lookup usually finds them, and the GLib libraries themselves are the fallback.
    private static final SymbolLookup GLIB = LIBVIPS
            .or(SymbolLookup.libraryLookup("libgobject-2.0.so.0", Arena.global()))
            .or(SymbolLookup.libraryLookup("libglib-2.0.so.0", Arena.global()));

    // int vips_init(const char *argv0);
    static final MethodHandle vips_init = function("vips_init",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));

    // int vips_version(int flag);   /* 0 major, 1 minor, 2 micro */
    static final MethodHandle vips_version = function("vips_version",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    // void vips_cache_set_max(int max);
    static final MethodHandle vips_cache_set_max = function("vips_cache_set_max",
            FunctionDescriptor.ofVoid(JAVA_INT));

    // void vips_block_untrusted_set(gboolean state);
    static final MethodHandle vips_block_untrusted_set = function("vips_block_untrusted_set",
            FunctionDescriptor.ofVoid(JAVA_INT));

    // void vips_concurrency_set(int concurrency);
    static final MethodHandle vips_concurrency_set = function("vips_concurrency_set",
            FunctionDescriptor.ofVoid(JAVA_INT));

    // void vips_vector_set_enabled(gboolean enabled);
    static final MethodHandle vips_vector_set_enabled = function("vips_vector_set_enabled",
            FunctionDescriptor.ofVoid(JAVA_INT));

    // const char *vips_foreign_find_load(const char *filename);
    //   the loader's type name, or NULL (and an error) if no loader recognises the file
    static final MethodHandle vips_foreign_find_load = function("vips_foreign_find_load",
            FunctionDescriptor.of(ADDRESS, ADDRESS));

    // VipsOperation *vips_operation_new(const char *name);
    //   unbuilt, so a blocked operation can be made and asked for its flags
    static final MethodHandle vips_operation_new = function("vips_operation_new",
            FunctionDescriptor.of(ADDRESS, ADDRESS));

    // VipsOperationFlags vips_operation_get_flags(VipsOperation *operation);
    static final MethodHandle vips_operation_get_flags = function("vips_operation_get_flags",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));

    // VipsImage *vips_image_new_from_file(const char *name, ...);
    //   called as vips_image_new_from_file(name, NULL): reads the header, decodes no pixels
    static final MethodHandle vips_image_new_from_file = function("vips_image_new_from_file",
            FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS),
            Linker.Option.firstVariadicArg(1));

    // int vips_image_get_width(const VipsImage *image);
    static final MethodHandle vips_image_get_width = function("vips_image_get_width",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));

    // int vips_image_get_height(const VipsImage *image);
    static final MethodHandle vips_image_get_height = function("vips_image_get_height",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));

    // int vips_thumbnail(const char *filename, VipsImage **out, int width, ...);
    //   called as vips_thumbnail(filename, &out, width,
    //           "height", height, "fail_on", VIPS_FAIL_ON_TRUNCATED, <fit name>, <fit value>, NULL)
    //   where the fit is "crop"/VipsInteresting or "size"/VipsSize
    static final MethodHandle vips_thumbnail = function("vips_thumbnail",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT,
                    ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS),
            Linker.Option.firstVariadicArg(3));

    // int vips_image_write_to_file(VipsImage *image, const char *name, ...);
    //   called as vips_image_write_to_file(image, "<file>[strip]", NULL); the suffix picks the saver
    static final MethodHandle vips_image_write_to_file = function("vips_image_write_to_file",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS),
            Linker.Option.firstVariadicArg(2));

    // void g_object_unref(gpointer object);
    static final MethodHandle g_object_unref = glib("g_object_unref",
            FunctionDescriptor.ofVoid(ADDRESS));

    // const char *vips_error_buffer(void);
    static final MethodHandle vips_error_buffer = function("vips_error_buffer",
            FunctionDescriptor.of(ADDRESS));

    // void vips_error_clear(void);
    static final MethodHandle vips_error_clear = function("vips_error_clear",
            FunctionDescriptor.ofVoid());

    // guint g_log_set_handler(const gchar *log_domain, GLogLevelFlags log_levels,
    //                         GLogFunc log_func, gpointer user_data);
    static final MethodHandle g_log_set_handler = glib("g_log_set_handler",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));

    // int open(const char *pathname, int flags, ...);
    //   called as open(pathname, O_RDONLY | O_NONBLOCK | O_CLOEXEC); the first argument of the
    //   handle is the segment errno is captured into (see callState and errno)
    static final MethodHandle open = bind(LINKER.defaultLookup(), "libc", "open",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT),
            Linker.Option.firstVariadicArg(2), Linker.Option.captureCallState("errno"));

    // int close(int fd);
    static final MethodHandle close = bind(LINKER.defaultLookup(), "libc", "close",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    // typedef void (*GLogFunc)(const gchar *log_domain, GLogLevelFlags log_level,
    //                          const gchar *message, gpointer user_data);
    static final FunctionDescriptor G_LOG_FUNC = FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS, ADDRESS);

    private Vips() {
    }

    static Linker linker() {
        return LINKER;
    }

    /** Room for what {@link #open} captures. */
    static MemorySegment callState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    /** The errno that a call captured into {@code callState}. */
    static int errno(MemorySegment callState) {
        return (int) ERRNO.get(callState, 0L);
    }

    /** A NUL-terminated string that libvips owns, copied; {@code null} for a NULL pointer. */
    static String string(MemorySegment pointer) {
        return pointer.equals(MemorySegment.NULL) ? null : pointer.reinterpret(Long.MAX_VALUE).getString(0);
    }

    private static MethodHandle function(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        return bind(LIBVIPS, "libvips.so.42", name, descriptor, options);
    }

    private static MethodHandle glib(String name, FunctionDescriptor descriptor) {
        return bind(GLIB, "GLib", name, descriptor);
    }

    private static MethodHandle bind(SymbolLookup lookup, String library, String name,
                                     FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = lookup.find(name).orElseThrow(
                () -> new IllegalStateException(library + " has no function " + name));
        return LINKER.downcallHandle(symbol, descriptor, options);
    }
}
