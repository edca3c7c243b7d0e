package org.estelle;

import java.util.regex.Pattern;

/**
 * The one family of errors Estelle reports. Each carries the HTTP status that
 * the daemon answers with and a message of one human-readable line, so the
 * mapping to HTTP happens in one place and library users get the same words.
 */
public abstract sealed class EstelleException extends RuntimeException
        permits InvalidRequestException, ForbiddenException, NotFoundException,
                ThumbnailFailedException, BusyException, CacheException, InsufficientStorageException {

    private final int status;
    private final boolean verdict;

    EstelleException(int status, String message, Throwable cause) {
        this(status, message, cause, false);
    }

    EstelleException(int status, String message, Throwable cause, boolean verdict) {
        super(oneLine(message), cause, false, false);
        this.status = status;
        this.verdict = verdict;
    }

    /**
     * Whether this is the decoder's verdict on the file itself (not an image,
     * cannot be decoded, too large), which holds until the file changes; not
     * a passing condition such as a permission, a full disk or a shutdown.
     * Only verdicts are remembered.
     */
    public boolean isVerdictOnFile() {
        return verdict;
    }

    /** The HTTP status code that describes this error. */
    public int status() {
        return status;
    }

    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*[\\r\\n]+\\s*");

    /** The message on one line: a cause's text (a libvips error, say) may span several. */
    static String oneLine(String message) {
        String stripped = message.strip();
        if (stripped.indexOf('\n') < 0 && stripped.indexOf('\r') < 0) {
            return stripped;
        }
        return LINE_BREAKS.matcher(stripped).replaceAll("; ");
    }
}
