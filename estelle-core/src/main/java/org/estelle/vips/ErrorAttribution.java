package org.estelle.vips;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Gives each failed libvips operation its own error message, although libvips
 * 8.14 keeps one error buffer for the whole process: every {@code vips_error()}
 * of every thread (ours and libvips' own workers) appends to it, and reading it
 * after a failure would also show what concurrent operations wrote.
 *
 * <p>So every libvips call that can write to the buffer runs under the read
 * side of one read-write lock, and any number of them run at once. When an
 * attempt fails, its caller lets go of the read lock, takes the write lock
 * (which waits until every running operation has returned, and keeps new ones
 * out), clears the buffer, runs the same attempt again alone, and then reads
 * and clears the buffer: whatever it holds now was written by that attempt and
 * nothing else. This is exact rather than probabilistic because a libvips call
 * returns only after the worker threads it started are done, so no operation
 * writes to the buffer outside the lock. Failures are rare (a broken file), so
 * running them twice costs little; successes never touch the buffer and run
 * side by side, waiting only while a failure is re-run alone (which itself
 * waits for the operations already running, at worst one large thumbnail).
 * libvips 8.14 offers nothing finer: no per-thread buffer, and
 * {@code vips_error_freeze} is process-wide too. The buffer may fill with
 * leftovers of read-side failures, but it is bounded in libvips and cleared
 * before every exclusive attempt, so the leftovers are never reported.
 *
 * <p>Some failures leave the buffer empty and only warn through GLib (a PNG
 * cut off inside its header: "not enough data"). libvips' warnings are routed
 * here ({@link #warning}); those that arrive during an exclusive attempt are
 * that attempt's too, and they are the message when the buffer has none.
 *
 * <p>If the exclusive attempt succeeds (the file changed in between), its
 * result is returned as if the first attempt had succeeded.
 */
final class ErrorAttribution {

    /** The longest message reported; libvips' buffer holds up to 10 KiB. */
    private static final int MAX_MESSAGE = 1000;
    /** How many warnings of one exclusive attempt are kept. */
    private static final int MAX_WARNINGS = 20;

    /** One whole attempt at a libvips operation. */
    @FunctionalInterface
    interface Attempt<T> {
        /**
         * Runs the operation. It must be repeatable, must free whatever native
         * objects it made before returning, and must report a libvips failure by
         * returning {@code null} rather than by throwing.
         */
        T run() throws Throwable;
    }

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    // Non-null only while an exclusive attempt runs; guarded by "this".
    private List<String> warnings;

    /**
     * Runs {@code attempt} alongside others; its failure needs no message.
     *
     * @return what the attempt returned, {@code null} included
     */
    <T> T shared(Attempt<T> attempt) {
        Lock shared = lock.readLock();
        shared.lock();
        try {
            return call(attempt);
        } finally {
            shared.unlock();
        }
    }

    /**
     * Runs {@code attempt} alongside others; if it fails, runs it again alone to
     * learn why.
     *
     * @return the attempt's result, never {@code null}
     * @throws VipsException with the attempt's own libvips message if it failed twice
     */
    <T> T attributed(Attempt<T> attempt) {
        T result = shared(attempt);
        if (result != null) {
            return result;
        }
        Lock exclusive = lock.writeLock();
        exclusive.lock();
        try {
            clearBuffer();
            capture(new ArrayList<>());
            result = call(attempt);
            List<String> warned = capture(null);
            if (result != null) {
                return result;
            }
            throw new VipsException(oneLine(readBuffer(), warned));
        } finally {
            capture(null);
            clearBuffer();
            exclusive.unlock();
        }
    }

    /**
     * Takes a warning libvips gave through GLib, on whichever thread gave it;
     * kept if an exclusive attempt is running, dropped otherwise.
     */
    synchronized void warning(String message) {
        if (warnings != null && warnings.size() < MAX_WARNINGS && message != null) {
            warnings.add(message);
        }
    }

    /** Starts collecting warnings into {@code into}, or stops with {@code null}; returns what was collected. */
    private synchronized List<String> capture(List<String> into) {
        List<String> collected = warnings == null ? List.of() : warnings;
        warnings = into;
        return collected;
    }

    /**
     * What went wrong, on one line: the buffer's non-empty lines, each once,
     * joined with "; "; if the buffer is empty, the warnings the same way.
     */
    static String oneLine(String buffer, List<String> warnings) {
        String message = meaningfulLines(buffer == null ? Stream.empty() : buffer.lines());
        if (message.isEmpty()) {
            message = meaningfulLines(warnings.stream().flatMap(String::lines));
        }
        if (message.isEmpty()) {
            return "libvips failed without a message";
        }
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + " …";
    }

    private static String meaningfulLines(Stream<String> lines) {
        return lines.map(String::strip).filter(line -> !line.isEmpty()).distinct().collect(Collectors.joining("; "));
    }

    private static <T> T call(Attempt<T> attempt) {
        try {
            return attempt.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            // invokeExact declares Throwable; a downcall throws nothing checked.
            throw new IllegalStateException("libvips call failed: " + t, t);
        }
    }

    private static void clearBuffer() {
        try {
            Vips.vips_error_clear.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("vips_error_clear failed: " + t, t);
        }
    }

    private static String readBuffer() {
        try {
            return Vips.string((java.lang.foreign.MemorySegment) Vips.vips_error_buffer.invokeExact());
        } catch (Throwable t) {
            throw new IllegalStateException("vips_error_buffer failed: " + t, t);
        }
    }
}
