package org.estelle.vips;

/** The width and height an image file declares in its header, in pixels. */
public record Dimensions(int width, int height) {

    /** {@code width × height}, without overflow. */
    public long pixels() {
        return (long) width * height;
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
