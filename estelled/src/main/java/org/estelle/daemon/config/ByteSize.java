package org.estelle.daemon.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A number of bytes as people write it: {@code 1GB}, {@code 512m}, {@code 1.5T}, {@code 4096}. Units are 1024-based. */
final class ByteSize {

    private static final Pattern SYNTAX = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGT]?B?)", Pattern.CASE_INSENSITIVE);

    private ByteSize() {
    }

    static long parse(Variable variable, String text) {
        Matcher m = SYNTAX.matcher(text.strip());
        String expected = "a positive number of bytes with an optional unit B, K/KB, M/MB, G/GB or T/TB, e.g. 1GB";
        if (!m.matches()) {
            throw ConfigException.invalid(variable, text, expected);
        }
        String unit = m.group(2).toUpperCase(Locale.ROOT);
        int shift = unit.isEmpty() ? 0 : switch (unit.charAt(0)) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            case 'T' -> 40;
            default -> 0; // "B"
        };
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1L << shift));
        if (bytes.compareTo(BigDecimal.ONE) < 0 || bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw ConfigException.invalid(variable, text, expected);
        }
        return bytes.longValue();
    }

    /** The largest unit that divides {@code bytes} evenly, e.g. {@code 1GB}; for logs. */
    static String format(long bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        int unit = 0;
        while (unit < units.length - 1 && bytes % 1024 == 0 && bytes >= 1024) {
            bytes /= 1024;
            unit++;
        }
        return bytes + units[unit];
    }
}
