package org.estelle.daemon.log;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A log line's time, {@code 2026-12-04T16:35:04.601Z}: UTC, always with
 * milliseconds, so lines align and sort as text. Every request writes one, so
 * the date and time up to the second are formatted once per second and
 * reused.
 */
final class Timestamp {

    private static final DateTimeFormatter TO_THE_SECOND = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private record Second(long epochSecond, String text) {
    }

    // Replaced whole by whichever thread first logs in a new second; a race only formats twice.
    private static volatile Second last = new Second(Long.MIN_VALUE, "");

    private Timestamp() {
    }

    static StringBuilder append(StringBuilder line, Instant time) {
        Second second = last;
        if (second.epochSecond() != time.getEpochSecond()) {
            second = new Second(time.getEpochSecond(),
                    TO_THE_SECOND.format(LocalDateTime.ofEpochSecond(time.getEpochSecond(), 0, ZoneOffset.UTC)));
            last = second;
        }
        int millis = time.getNano() / 1_000_000;
        line.append(second.text()).append('.');
        if (millis < 100) {
            line.append('0');
        }
        if (millis < 10) {
            line.append('0');
        }
        return line.append(millis).append('Z');
    }
}
