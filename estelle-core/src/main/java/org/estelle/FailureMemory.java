package org.estelle;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sources that could not be thumbnailed, by fingerprint ID, so a request for
 * one answers at once with the same error instead of decoding it again. A
 * changed file has a new fingerprint and is tried afresh. Bounded: past
 * {@link #CAPACITY} entries the least recently used one is forgotten.
 *
 * <p>Only the engine's verdict on the file is remembered
 * ({@link EstelleException#isVerdictOnFile()}: not an image, a decode failure,
 * too large); a permission, a full disk or a shutdown says nothing about the
 * file and would pass.
 *
 * <p>Thread-safe (synchronized; consulted on misses only, never on hits).
 */
final class FailureMemory {

    static final int CAPACITY = 10_000;

    private final Map<String, EstelleException> failures = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, EstelleException> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized Optional<EstelleException> recall(String fingerprintId) {
        return Optional.ofNullable(failures.get(fingerprintId));
    }

    /** Remembers {@code failure} if it is a verdict on the file. */
    synchronized void remember(String fingerprintId, Throwable failure) {
        if (failure instanceof EstelleException e && e.isVerdictOnFile()) {
            failures.put(fingerprintId, e);
        }
    }

    synchronized int size() {
        return failures.size();
    }
}
