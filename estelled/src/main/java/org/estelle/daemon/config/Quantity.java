package org.estelle.daemon.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A positive count as people write it, a number with an optional unit:
 * {@code 1GB} or {@code 512m} for bytes (1024-based), {@code 100M} for pixels
 * (1000-based). Fractions are allowed ({@code 1.5G}); the result is rounded
 * down and must be at least 1.
 */
final class Quantity {

    private static final Pattern SYNTAX = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([A-Za-z]*)");

    /** {@code ESTELLE_CACHE_LIMIT}'s units. */
    static final Map<String, Long> BYTES = Map.of("", 1L, "B", 1L, "K", 1L << 10, "KB", 1L << 10,
            "M", 1L << 20, "MB", 1L << 20, "G", 1L << 30, "GB", 1L << 30, "T", 1L << 40, "TB", 1L << 40);
    /** {@code ESTELLE_MAX_PIXELS}'s units. */
    static final Map<String, Long> PIXELS = Map.of("", 1L, "K", 1_000L, "M", 1_000_000L, "G", 1_000_000_000L);

    private Quantity() {
    }

    /** @param expected what the message says is accepted, e.g. "a positive number of bytes ..." */
    static long parse(Variable variable, String text, Map<String, Long> units, String expected) {
        Matcher m = SYNTAX.matcher(text.strip());
        Long unit = m.matches() ? units.get(m.group(2).toUpperCase(Locale.ROOT)) : null;
        if (unit == null) {
            throw ConfigException.invalid(variable, text, expected);
        }
        BigDecimal value = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        if (value.compareTo(BigDecimal.ONE) < 0 || value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw ConfigException.invalid(variable, text, expected);
        }
        return value.longValue();
    }

    /** The largest binary unit that divides {@code bytes} evenly, e.g. {@code 1GB}; for logs. */
    static String formatBytes(long bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        int unit = 0;
        while (unit < units.length - 1 && bytes % 1024 == 0 && bytes >= 1024) {
            bytes /= 1024;
            unit++;
        }
        return bytes + units[unit];
    }
}
