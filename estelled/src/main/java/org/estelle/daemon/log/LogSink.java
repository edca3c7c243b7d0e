package org.estelle.daemon.log;

import org.slf4j.event.Level;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Where every log line of the daemon goes (Jetty's through SLF4J, the
 * library's through System.Logger, the request log directly): rendered on the
 * caller's thread, written to stderr by one background thread, so a request
 * never waits for the terminal or the journal.
 *
 * <p>The writer takes lines in batches: after writing what it found it pauses
 * for {@link #BATCH_PAUSE_MILLIS}, so under load it wakes up and calls
 * {@code write(2)} a hundred times a second rather than once per request, and
 * when idle it sleeps until a line comes.
 *
 * <p>Bounded: when the writer falls behind by {@link #CAPACITY} lines, new
 * lines are dropped and counted, and the count is logged once it catches up.
 *
 * <p>Configured once, by {@code main}, before anything logs; until then the
 * defaults (text, info) apply.
 */
public final class LogSink {

    static final int CAPACITY = 8192;
    static final long BATCH_PAUSE_MILLIS = 10;

    private static volatile LogFormat format = LogFormat.TEXT;
    private static volatile Level threshold = Level.INFO;
    private static final BlockingQueue<String> LINES = new ArrayBlockingQueue<>(CAPACITY);
    private static final AtomicLong DROPPED = new AtomicLong();
    /** Lines accepted but not yet written: what {@link #flush} waits for. */
    private static final AtomicLong PENDING = new AtomicLong();
    // Not System.err: that PrintStream flushes, hence calls write(2), on every line.
    private static final OutputStream OUT = new FileOutputStream(FileDescriptor.err);

    static {
        Thread.ofPlatform().name("estelle-log").daemon(true).start(LogSink::drain);
    }

    private LogSink() {
    }

    /** {@code ESTELLE_LOG_FORMAT} and {@code ESTELLE_LOG_LEVEL}. */
    public static void configure(LogFormat newFormat, Level newThreshold) {
        format = newFormat;
        threshold = newThreshold;
    }

    /** Whether lines carry their fields as members (json) rather than in the message (text). */
    public static boolean isStructured() {
        return format == LogFormat.JSON;
    }

    public static boolean isEnabled(Level level) {
        return level.toInt() >= threshold.toInt();
    }

    public static void log(Level level, String logger, String message, Map<String, Object> fields, Throwable error) {
        if (!isEnabled(level)) {
            return;
        }
        String line = redact(format.line(Instant.now(), level.name(), logger, message, fields, error));
        PENDING.incrementAndGet();
        if (!LINES.offer(line)) {
            PENDING.decrementAndGet();
            DROPPED.incrementAndGet();
        }
    }

    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("(?i)(key=)[^&\\s\"]*");

    /**
     * The secret travels as {@code key=} in URIs and form bodies, which Jetty
     * logs at debug level; whatever logged it, it is blanked here.
     */
    static String redact(String line) {
        return mentionsKey(line) ? KEY.matcher(line).replaceAll("$1***") : line;
    }

    // The cheap test first: nearly every line has no key= in any case.
    private static boolean mentionsKey(String line) {
        for (int i = line.indexOf('='); i >= 3; i = line.indexOf('=', i + 1)) {
            if (line.regionMatches(true, i - 3, "key", 0, 3)) {
                return true;
            }
        }
        return false;
    }

    /** Waits (briefly) until every line logged so far is written: before the process exits. */
    public static void flush() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (PENDING.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private static void drain() {
        List<String> batch = new ArrayList<>();
        StringBuilder text = new StringBuilder(64 * 1024);
        while (true) {
            try {
                batch.add(LINES.take());
                LINES.drainTo(batch);
                for (String line : batch) {
                    text.append(line).append('\n');
                }
                long dropped = DROPPED.getAndSet(0);
                if (dropped > 0) {
                    text.append(format.line(Instant.now(), "WARN", "log", dropped
                            + " log lines were dropped: stderr could not keep up", Map.of(), null)).append('\n');
                }
                write(text);
                PENDING.addAndGet(-batch.size());
                batch.clear();
                text.setLength(0);
                Thread.sleep(BATCH_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void write(StringBuilder text) {
        try {
            OUT.write(text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // stderr is closed or broken: there is nowhere left to say so.
        }
    }
}
