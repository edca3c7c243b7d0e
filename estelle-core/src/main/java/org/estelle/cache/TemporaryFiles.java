package org.estelle.cache;

import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Names of files being written, and how to tell a leftover from a write in
 * progress.
 *
 * <p>A thumbnail is written to {@code .tmp-<pid>-<random>-<name>} in its
 * shard directory, then renamed to {@code <name>}; the prefix never matches
 * the layout. A temporary file is a leftover (a crash, {@code kill -9}) when
 * the process named in it is gone. If that process lives (another daemon
 * sharing the directory, or a reused PID), it is a leftover only once it is
 * older than {@link #MAX_AGE}, which is longer than any engine may take.
 */
final class TemporaryFiles {

    static final String PREFIX = ".tmp-";
    static final Duration MAX_AGE = Duration.ofMinutes(10);

    private static final long OWN_PID = ProcessHandle.current().pid();

    private TemporaryFiles() {
    }

    static String nameFor(String fileName) {
        return PREFIX + OWN_PID + '-' + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
                + '-' + fileName;
    }

    static boolean isTemporary(String fileName) {
        return fileName.startsWith(PREFIX);
    }

    static boolean isLeftover(String fileName, BasicFileAttributes attributes, Instant now) {
        if (attributes.lastModifiedTime().toInstant().isBefore(now.minus(MAX_AGE))) {
            return true;
        }
        long pid = writerPid(fileName);
        return pid > 0 && pid != OWN_PID && ProcessHandle.of(pid).isEmpty();
    }

    /** The PID in the name, or -1 if the name has none (an older or foreign layout: age alone decides). */
    private static long writerPid(String fileName) {
        int end = fileName.indexOf('-', PREFIX.length());
        if (end < 0) {
            return -1;
        }
        try {
            return Long.parseLong(fileName.substring(PREFIX.length(), end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
