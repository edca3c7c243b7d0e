package org.estelle.daemon.http;

import org.estelle.ForbiddenException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** {@code ESTELLE_SECRET}: when set, every request must carry it as {@code key}. */
final class Secret {

    private final byte[] secret; // null when authentication is off

    Secret(Optional<String> secret) {
        this.secret = secret.map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    /** @throws ForbiddenException if a secret is set and {@code key} is missing or wrong */
    void check(String key) {
        if (secret == null) {
            return;
        }
        // Constant time: how much of a guess matched must not show in the timing.
        if (key == null || !MessageDigest.isEqual(secret, key.getBytes(StandardCharsets.UTF_8))) {
            throw new ForbiddenException(key == null ? "key is missing: this daemon requires key=<secret>"
                    : "key is wrong");
        }
    }
}
