package org.estelle.daemon;

import org.estelle.ThumbnailRequest;
import org.estelle.engine.ThumbnailEngine;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class AutoEngineTest {

    private static final Path SOURCE = Path.of("/photos/a.jpg");
    private static final ThumbnailRequest REQUEST = ThumbnailRequest.of(SOURCE);

    /** Records what it was asked to render. */
    private record Fake(String name, List<Path> rendered) implements ThumbnailEngine {
        Fake(String name) {
            this(name, new ArrayList<>());
        }

        @Override
        public String version() {
            return name + " 1.0";
        }

        @Override
        public void render(ThumbnailRequest request, Path source, Path target) {
            rendered.add(target);
        }
    }

    private static Supplier<ThumbnailEngine> counting(AtomicInteger calls, Supplier<ThumbnailEngine> make) {
        return () -> {
            calls.incrementAndGet();
            return make.get();
        };
    }

    @Test
    void loadsNothingUntilTheFirstThumbnailThenLibvipsOnce() {
        AtomicInteger libvipsLoads = new AtomicInteger();
        AtomicInteger commandMade = new AtomicInteger();
        Fake libvips = new Fake("libvips");
        AutoEngine auto = new AutoEngine(counting(libvipsLoads, () -> libvips),
                counting(commandMade, () -> new Fake("vipsthumbnail")));

        assertThat(auto.name()).isEqualTo("auto");
        assertThat(auto.version()).contains("first thumbnail");
        assertThat(libvipsLoads).hasValue(0);

        auto.render(REQUEST, SOURCE, Path.of("/cache/1.jpg"));
        auto.render(REQUEST, SOURCE, Path.of("/cache/2.jpg"));

        assertThat(libvipsLoads).hasValue(1);
        assertThat(commandMade).hasValue(0);
        assertThat(libvips.rendered()).containsExactly(Path.of("/cache/1.jpg"), Path.of("/cache/2.jpg"));
        assertThat(auto.name()).isEqualTo("libvips");
        assertThat(auto.version()).isEqualTo("libvips 1.0");
    }

    @Test
    void fallsBackToTheCommandEngineWhenLibvipsDoesNotLoad() {
        AtomicInteger libvipsLoads = new AtomicInteger();
        Fake command = new Fake("vipsthumbnail");
        AutoEngine auto = new AutoEngine(counting(libvipsLoads, () -> {
            throw new IllegalStateException("cannot load libvips: libvips.so.42: cannot open shared object file");
        }), () -> command);

        auto.render(REQUEST, SOURCE, Path.of("/cache/1.jpg"));
        auto.render(REQUEST, SOURCE, Path.of("/cache/2.jpg"));

        assertThat(libvipsLoads).hasValue(1);
        assertThat(command.rendered()).hasSize(2);
        assertThat(auto.name()).isEqualTo("vipsthumbnail");
    }
}
