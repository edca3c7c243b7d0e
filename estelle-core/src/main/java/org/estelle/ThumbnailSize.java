package org.estelle;

/**
 * The box a thumbnail is made for, in pixels. Both edges are at least 1; the
 * upper bound is a setting ({@code ESTELLE_MAX_SIZE}), so it is checked by
 * {@link #parse(String, int)} rather than by the constructor.
 */
public record ThumbnailSize(int width, int height) {

    /** The size a request gets when it names none. */
    public static final ThumbnailSize DEFAULT = new ThumbnailSize(85, 85);

    public ThumbnailSize {
        if (width < 1 || height < 1) {
            throw new InvalidRequestException(
                    "size " + width + "x" + height + " is invalid: both edges must be at least 1 pixel");
        }
    }

    /**
     * Parses {@code WxH} or {@code N} (meaning {@code NxN}).
     *
     * @param maxEdge the largest edge a request may ask for
     * @throws InvalidRequestException naming the text and what is accepted
     */
    public static ThumbnailSize parse(String text, int maxEdge) {
        int x = text.indexOf('x');
        int width = edge(text, x < 0 ? text : text.substring(0, x), maxEdge);
        int height = x < 0 ? width : edge(text, text.substring(x + 1), maxEdge);
        return new ThumbnailSize(width, height);
    }

    private static int edge(String text, String digits, int maxEdge) {
        // Digits only: Integer.parseInt would also take "+5" or "-5".
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidRequestException("size \"" + text + "\" is invalid: expected WxH or N"
                    + " with whole numbers from 1 to " + maxEdge + ", e.g. 400x300 or 200");
        }
        int value = Integer.parseInt(digits);
        if (value < 1 || value > maxEdge) {
            throw new InvalidRequestException("size \"" + text + "\" is invalid: each edge must be"
                    + " from 1 to " + maxEdge + " pixels");
        }
        return value;
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
