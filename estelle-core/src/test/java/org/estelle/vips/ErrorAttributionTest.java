package org.estelle.vips;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How libvips' error buffer becomes one line; attribution itself is tested through the engine. */
class ErrorAttributionTest {

    @Test
    void keepsTheMeaningfulLinesOnceEach() {
        assertThat(ErrorAttribution.oneLine("VipsJpeg: Premature end of input file\n", List.of("ignored")))
                .isEqualTo("VipsJpeg: Premature end of input file");
        assertThat(ErrorAttribution.oneLine("\n  vipspng: libpng read error \n\nvipspng: libpng read error\n"
                + "VipsImage: unable to write\n", List.of()))
                .isEqualTo("vipspng: libpng read error; VipsImage: unable to write");
    }

    @Test
    void fallsBackOnTheWarningsWhenTheBufferIsEmpty() {
        assertThat(ErrorAttribution.oneLine(" \n", List.of("not enough data", "not enough data", "error in tile 0 x 0")))
                .isEqualTo("not enough data; error in tile 0 x 0");
    }

    @Test
    void saysSoWhenLibvipsSaidNothing() {
        assertThat(ErrorAttribution.oneLine("", List.of())).isEqualTo("libvips failed without a message");
        assertThat(ErrorAttribution.oneLine(" \n\n", List.of(" "))).isEqualTo("libvips failed without a message");
        assertThat(ErrorAttribution.oneLine(null, List.of())).isEqualTo("libvips failed without a message");
    }

    @Test
    void capsALongBuffer() {
        String message = ErrorAttribution.oneLine("x".repeat(5000), List.of());
        assertThat(message).hasSize(1002).endsWith(" …");
    }
}
