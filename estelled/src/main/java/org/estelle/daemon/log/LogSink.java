package org.estelle.daemon.log;

import org.slf4j.event.Level;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where every log line of the daemon goes (Jetty's through SLF4J, the
 * library's through System.Logger, the request log directly): rendered on the
 * caller's thread, written to stderr by one background thread, so a request
 * never waits for the terminal or the journal.
 *
 * <p>Bounded: when the writer falls behind by {@link #CAPACITY} lines, new
 * lines are dropped and counted, and the count is logged once it catches up.
 *
 * <p>Configured once, by {@code main}, before anything logs; until then the
 * defaults (text, info) apply.
 */
public final class LogSink {

    static final int CAPACITY = 8192;

    private static volatile LogFormat format = LogFormat.TEXT;
    private static volatile Level threshold = Level.INFO;
    private static final BlockingQueue<String> LINES = new ArrayBlockingQueue<>(CAPACITY);
    private static final AtomicLong DROPPED = new AtomicLong();
    private static final Object FLUSHED = new Object();
    private static final PrintStream OUT = System.err;

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
        String line = redact(format.line(Instant.now().truncatedTo(ChronoUnit.MILLIS), level.name(), logger, message,
                fields, error));
        if (!LINES.offer(line)) {
            DROPPED.incrementAndGet();
        }
    }

    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("(?i)(key=)[^&\\s\"]*");

    /**
     * The secret travels as {@code key=} in URIs and form bodies, which Jetty
     * logs at debug level; whatever logged it, it is blanked here.
     */
    static String redact(String line) {
        return line.contains("key=") || line.contains("KEY=") ? KEY.matcher(line).replaceAll("$1***") : line;
    }

    /** Waits (briefly) until every line logged so far is written: before the process exits. */
    public static void flush() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        synchronized (FLUSHED) {
            while (!LINES.isEmpty() && System.nanoTime() < deadline) {
                try {
                    FLUSHED.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        OUT.flush();
    }

    private static void drain() {
        while (true) {
            try {
                String line = LINES.take();
                OUT.println(line);
                String next;
                while ((next = LINES.poll()) != null) {
                    OUT.println(next);
                }
                long dropped = DROPPED.getAndSet(0);
                if (dropped > 0) {
                    OUT.println(format.line(Instant.now(), "WARN", "log", dropped
                            + " log lines were dropped: stderr could not keep up", Map.of(), null));
                }
                OUT.flush();
                synchronized (FLUSHED) {
                    FLUSHED.notifyAll();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
