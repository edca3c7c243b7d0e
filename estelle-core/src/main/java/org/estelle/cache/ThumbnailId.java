package org.estelle.cache;

import org.estelle.Format;
import org.estelle.Mode;
import org.estelle.ThumbnailSize;

import java.util.regex.Pattern;

/**
 * The identity of one thumbnail: a version of a source (its fingerprint ID)
 * at a size, mode and format. Its {@link #fileName()} is the key of single
 * flight and the cache's file name; {@link #relativePath()} is where the file
 * lives: {@code ab/cd/<id>-<W>x<H>-<mode>.<ext>}, with {@code ab} and
 * {@code cd} the first two pairs of hex digits of the ID.
 */
public record ThumbnailId(String fingerprintId, ThumbnailSize size, Mode mode, Format format) {

    /**
     * The names of files the cache owns. Nothing else in the cache directory
     * is ever counted or deleted.
     */
    public static final Pattern FILE_NAME =
            Pattern.compile("[0-9a-f]{40}-[1-9][0-9]*x[1-9][0-9]*-(crop|shrink|stretch)\\.(jpg|png|webp)");

    public ThumbnailId {
        if (!isFingerprintId(fingerprintId)) {
            throw new IllegalArgumentException("not a fingerprint ID: " + fingerprintId);
        }
    }

    /** Forty lowercase hex digits; checked by hand, as this runs on every request. */
    private static boolean isFingerprintId(String text) {
        if (text.length() != 40) {
            return false;
        }
        for (int i = 0; i < 40; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    public static ThumbnailId of(Fingerprint fingerprint, ThumbnailSize size, Mode mode, Format format) {
        return new ThumbnailId(fingerprint.id(), size, mode, format);
    }

    /** {@code <id>-<W>x<H>-<mode>.<ext>}, e.g. {@code d2080a…ab-400x300-crop.webp}. */
    public String fileName() {
        return fingerprintId + '-' + size + '-' + mode.token() + '.' + format.extension();
    }

    /** {@code ab/cd/<fileName>}, relative to the cache directory. */
    public String relativePath() {
        return fingerprintId.substring(0, 2) + '/' + fingerprintId.substring(2, 4) + '/' + fileName();
    }
}
