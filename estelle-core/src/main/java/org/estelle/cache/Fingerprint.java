package org.estelle.cache;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * What identifies one version of a source file: its normalised absolute path,
 * its size and its modification time. Changing the file changes the
 * fingerprint, so a stale thumbnail is never served.
 *
 * <p>The {@link #id()} is byte-for-byte the Go daemon's, so a cache it wrote is
 * adopted as is: the lowercase hex SHA-1 of
 * {@code path + "\0" + hex(size) + "\0" + hex(mtimeSec) + "\0" + hex(mtimeNsec)},
 * where {@code hex} is lowercase without padding and a negative number is
 * {@code -} followed by the hex of its magnitude (Go's {@code %x}).
 */
public record Fingerprint(String path, long size, long mtimeSec, long mtimeNsec) {

    // One per thread: looking a digest up by name costs more than the digest of a path.
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(Fingerprint::newSha1);

    /** The fingerprint of {@code path} (already normalised) as {@code attributes} describe it. */
    public static Fingerprint of(Path path, BasicFileAttributes attributes) {
        Instant mtime = attributes.lastModifiedTime().toInstant();
        return new Fingerprint(path.toString(), attributes.size(), mtime.getEpochSecond(), mtime.getNano());
    }

    /** The 40 lowercase hex digits that name this version of the source in the cache. */
    public String id() {
        String text = path + '\0' + hex(size) + '\0' + hex(mtimeSec) + '\0' + hex(mtimeNsec);
        return HexFormat.of().formatHex(SHA1.get().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String hex(long value) {
        // Unsigned formatting of the negated value also covers Long.MIN_VALUE.
        return value < 0 ? "-" + Long.toUnsignedString(-value, 16) : Long.toHexString(value);
    }

    private static MessageDigest newSha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every Java runtime has SHA-1", e);
        }
    }
}
