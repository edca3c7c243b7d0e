package org.estelle.engine;

import org.estelle.Format;
import org.estelle.Mode;
import org.estelle.NotFoundException;
import org.estelle.ThumbnailFailedException;
import org.estelle.ThumbnailRequest;
import org.estelle.ThumbnailSize;
import org.estelle.testing.ImageInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real thumbnails from the real {@code vips} program. */
class VipsCommandEngineTest extends ThumbnailEngineContract {

    private final VipsCommandEngine engine = VipsCommandEngine.fromPath();

    @Override
    ThumbnailEngine engine() {
        return engine;
    }

    @Test
    void sourceOverThePixelLimitFailsBeforeDecoding(@TempDir Path out) {
        VipsCommandEngine small = new VipsCommandEngine("vips", java.time.Duration.ofSeconds(30), 1_000_000);
        Path target = out.resolve("t.webp");
        assertThatThrownBy(() -> small.render(ThumbnailRequest.of(landscape), landscape, target))
                .isInstanceOf(ThumbnailFailedException.class)
                .hasMessageContaining("1600x1200 = 1920000 pixels, more than the limit of 1000000 (ESTELLE_MAX_PIXELS)");
        assertThat(target).doesNotExist();
    }

    @Test
    void versionNamesLibvips() {
        assertThat(engine.version()).startsWith("vips-8.");
    }

    @Test
    void missingProgramIsAClearStartupError() {
        VipsCommandEngine missing = new VipsCommandEngine("/nonexistent/vips", java.time.Duration.ofSeconds(5), 1000);
        assertThatThrownBy(missing::version).hasMessageContaining("install libvips-tools");
    }
}
