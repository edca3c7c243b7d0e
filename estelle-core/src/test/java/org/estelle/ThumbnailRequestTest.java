package org.estelle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThumbnailRequestTest {

    @Test
    void absentParametersTakeTheirDefaults() {
        ThumbnailRequest request = ThumbnailRequest.parse("/srv/a.jpg", null, null, null, 4096);
        assertThat(request).isEqualTo(new ThumbnailRequest(Path.of("/srv/a.jpg"),
                new ThumbnailSize(85, 85), Mode.CROP, Format.WEBP));
    }

    @Test
    void sourceIsNormalisedLexically() {
        assertThat(ThumbnailRequest.parse("/a/./b/../c//d.jpg", null, null, null, 10).source())
                .isEqualTo(Path.of("/a/c/d.jpg"));
    }

    @Test
    void missingSourceIsRefusedWith400() {
        assertThatThrownBy(() -> ThumbnailRequest.parse(null, null, null, null, 10))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("source is missing");
        assertThatThrownBy(() -> ThumbnailRequest.parse("", null, null, null, 10))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void relativeSourceIsRefused() {
        assertThatThrownBy(() -> ThumbnailRequest.parse("photos/a.jpg", null, null, null, 10))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("source \"photos/a.jpg\" is not an absolute path");
    }

    @Test
    void nulInSourceIsRefused() {
        assertThatThrownBy(() -> ThumbnailRequest.parse("/srv/a\0.jpg", null, null, null, 10))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("source is not a valid path");
    }

    @Test
    void sizeTakesWxHOrOneNumber() {
        assertThat(ThumbnailSize.parse("400x300", 4096)).isEqualTo(new ThumbnailSize(400, 300));
        assertThat(ThumbnailSize.parse("200", 4096)).isEqualTo(new ThumbnailSize(200, 200));
        assertThat(ThumbnailSize.parse("4096x1", 4096)).isEqualTo(new ThumbnailSize(4096, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "0", "0x10", "10x0", "4097", "10x4097", "abc", "10x", "x10", "-5", "+5",
            "10X10", "10x10x10", " 10", "1.5", "99999999999"})
    void invalidSizeIsRefusedWithWhatIsAccepted(String text) {
        assertThatThrownBy(() -> ThumbnailSize.parse(text, 4096))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("size \"" + text + "\" is invalid")
                .hasMessageContaining("4096");
    }

    @Test
    void modeAndFormatAreCaseInsensitive() {
        assertThat(Mode.parse("ShRiNk")).isEqualTo(Mode.SHRINK);
        assertThat(Format.parse("JPEG")).isEqualTo(Format.JPG);
        assertThat(Format.parse("jpg")).isEqualTo(Format.JPG);
        assertThat(Format.parse("WebP")).isEqualTo(Format.WEBP);
    }

    @Test
    void unknownModeOrFormatNamesWhatIsAccepted() {
        assertThatThrownBy(() -> Mode.parse("fill"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("mode \"fill\" is invalid: expected crop, shrink or stretch");
        assertThatThrownBy(() -> Format.parse("gif"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("format \"gif\" is invalid: expected jpg (or jpeg), png or webp");
    }

    @Test
    void presentButEmptyParameterIsInvalidNotDefault() {
        assertThatThrownBy(() -> ThumbnailRequest.parse("/a.jpg", "", null, null, 10)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> ThumbnailRequest.parse("/a.jpg", null, "", null, 10)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> ThumbnailRequest.parse("/a.jpg", null, null, "", 10)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void errorMessagesAreOneLine() {
        assertThatThrownBy(() -> Mode.parse("a\r\nb")).hasMessageNotContaining("\n").hasMessageNotContaining("\r");
    }
}
