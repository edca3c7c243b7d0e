package org.estelle.engine;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When libvips cannot be loaded the engine must say why, every time, so the
 * daemon can fall back on the command engine. A JVM that denies native access
 * is the failure a test can make on a machine that has libvips.
 */
class LibvipsEngineLoadTest {

    @Test
    void failureToLoadIsAClearRepeatableError() throws Exception {
        String classpath = location(LibvipsEngine.class) + java.io.File.pathSeparator + location(Child.class);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--illegal-native-access=deny", "-cp", classpath, Child.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        List<String> lines = output.lines().toList();
        assertThat(lines).as(output).hasSize(2);
        assertThat(lines.get(0)).startsWith("IllegalStateException: cannot load libvips: ")
                .endsWith("(start java with --enable-native-access=ALL-UNNAMED)");
        assertThat(lines.get(1)).isEqualTo(lines.get(0));
        assertThat(child.exitValue()).isZero();
    }

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** Runs in the child JVM: tries twice, prints what each try threw. */
    static final class Child {
        public static void main(String[] args) {
            for (int i = 0; i < 2; i++) {
                try {
                    new LibvipsEngine(1000);
                    System.out.println("loaded");
                } catch (RuntimeException e) {
                    System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
        }
    }
}
