package org.estelle.daemon.log;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

import java.util.Map;

/** An SLF4J logger that hands every record to {@link LogSink}. */
final class SinkLogger extends LegacyAbstractLogger {

    private final String shortName;

    SinkLogger(String name) {
        this.name = name;
        this.shortName = shorten(name);
    }

    /** {@code org.eclipse.jetty.server.Server} as {@code o.e.j.s.Server}: lines stay short. */
    private static String shorten(String name) {
        String[] parts = name.split("\\.");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            text.append(parts[i].isEmpty() ? "" : parts[i].substring(0, 1)).append('.');
        }
        return text.append(parts[parts.length - 1]).toString();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String message, Object[] arguments,
            Throwable throwable) {
        String text = arguments == null || arguments.length == 0 ? message
                : MessageFormatter.basicArrayFormat(message, arguments);
        LogSink.log(level, shortName, text == null ? "" : text, Map.of(), throwable);
    }

    @Override
    public boolean isTraceEnabled() {
        return LogSink.isEnabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return LogSink.isEnabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return LogSink.isEnabled(Level.INFO) && !isNoisy();
    }

    @Override
    public boolean isWarnEnabled() {
        return LogSink.isEnabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return LogSink.isEnabled(Level.ERROR);
    }

    /** Jetty says a lot at info level about its own start and stop; only its warnings matter here. */
    private boolean isNoisy() {
        return name.startsWith("org.eclipse.jetty") && !LogSink.isEnabled(Level.DEBUG);
    }
}
