package org.estelle.daemon.log;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * How a log record becomes one line: {@code text} for people
 * ({@code 2026-12-04T16:35:04.601Z INFO  request: GET /get 200 3.1ms cache=miss engine_ms=2.4}),
 * {@code json} for journald or Loki (one object per line, fields as members).
 */
public enum LogFormat {
    TEXT {
        @Override
        String line(Instant time, String level, String logger, String message, Map<String, Object> fields, Throwable error) {
            StringBuilder line = Timestamp.append(new StringBuilder(128), time).append(' ').append(level);
            line.repeat(' ', Math.max(1, 6 - level.length())).append(logger).append(": ").append(oneLine(message));
            fields.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
            if (error != null) {
                line.append(" error=\"").append(oneLine(String.valueOf(error))).append('"');
            }
            return line.toString();
        }
    },
    JSON {
        @Override
        String line(Instant time, String level, String logger, String message, Map<String, Object> fields, Throwable error) {
            StringBuilder line = new StringBuilder(160).append('{');
            quote(line, "time").append(":\"");
            Timestamp.append(line, time).append("\",");
            member(line, "level", level).append(',');
            member(line, "logger", logger).append(',');
            member(line, "message", message);
            fields.forEach((key, value) -> {
                line.append(',');
                if (value instanceof Number) {
                    quote(line, key).append(':').append(value);
                } else {
                    member(line, key, String.valueOf(value));
                }
            });
            if (error != null) {
                line.append(',');
                member(line, "error", String.valueOf(error));
            }
            return line.append('}').toString();
        }
    };

    abstract String line(Instant time, String level, String logger, String message, Map<String, Object> fields, Throwable error);

    /** Parses {@code ESTELLE_LOG_FORMAT}; null if unknown. */
    public static LogFormat parse(String text) {
        for (LogFormat format : values()) {
            if (format.name().equalsIgnoreCase(text.strip())) {
                return format;
            }
        }
        return null;
    }

    private static String oneLine(String text) {
        if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }

    private static StringBuilder member(StringBuilder line, String key, String value) {
        quote(line, key).append(':');
        return quote(line, value);
    }

    private static StringBuilder quote(StringBuilder line, String text) {
        line.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20) {
                        line.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        return line.append('"');
    }
}
