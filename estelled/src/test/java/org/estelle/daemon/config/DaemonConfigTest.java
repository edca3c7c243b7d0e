package org.estelle.daemon.config;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DaemonConfigTest {

    @TempDir
    Path tmp;
    Path photos;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        photos = Files.createDirectories(tmp.resolve("photos"));
        env = new HashMap<>(Map.of("ESTELLE_ALLOWED_DIRS", photos.toString(), "HOME", "/home/me"));
    }

    @Test
    void defaultsMatchTheGoDaemon() {
        DaemonConfig config = DaemonConfig.fromEnv(env);
        assertThat(config.address()).isEqualTo(new ListenAddress.Tcp(null, 1186));
        assertThat(config.allowedDirs()).containsExactly(photos);
        assertThat(config.cacheDir()).isEqualTo(Path.of("/home/me/.cache/estelled"));
        assertThat(config.cacheLimit()).isEqualTo(1L << 30);
        assertThat(config.gcHighRatio()).isEqualTo(0.90);
        assertThat(config.gcLowRatio()).isEqualTo(0.75);
        assertThat(config.workers()).isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        assertThat(config.queueSize()).isEqualTo(1024);
        assertThat(config.secret()).isEmpty();
        assertThat(config.maxSize()).isEqualTo(4096);
        assertThat(config.engine()).isEqualTo(EngineChoice.AUTO);
        assertThat(config.maxPixels()).isEqualTo(100_000_000L);
    }

    @Test
    void everyVariableIsRead() throws Exception {
        Path other = Files.createDirectories(tmp.resolve("other"));
        env.putAll(Map.of(
                "ESTELLE_ADDR", "[::1]:8080",
                "ESTELLE_ALLOWED_DIRS", photos + ":" + other + "/",
                "ESTELLE_CACHE_DIR", "/var/cache/estelled",
                "ESTELLE_CACHE_LIMIT", "512mb",
                "ESTELLE_GC_HIGH_RATIO", "0.8",
                "ESTELLE_GC_LOW_RATIO", "0.5",
                "ESTELLE_WORKERS", "3",
                "ESTELLE_QUEUE_SIZE", "10",
                "ESTELLE_SECRET", "s",
                "ESTELLE_MAX_SIZE", "1000"));
        env.put("ESTELLE_ENGINE", "VipsThumbnail");
        env.put("ESTELLE_LOG_FORMAT", "JSON");
        env.put("ESTELLE_LOG_LEVEL", "warning");
        env.put("ESTELLE_MAX_PIXELS", "2.5m");
        DaemonConfig config = DaemonConfig.fromEnv(env);
        assertThat(config).isEqualTo(new DaemonConfig(new ListenAddress.Tcp("::1", 8080), Optional.empty(), List.of(photos, other),
                Path.of("/var/cache/estelled"), 512L << 20, 0.8, 0.5, 3, 10, Optional.of("s"),
                EngineChoice.VIPSTHUMBNAIL, java.time.Duration.ofSeconds(30),
                org.estelle.daemon.log.LogFormat.JSON, org.slf4j.event.Level.WARN, 1000, 2_500_000L));
        assertThat(config.describe()).doesNotContain("=s ").contains("auth=on").contains("cache_limit=512MB");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ESTELLE_ADDR          | 1186                | HOST:PORT",
            "ESTELLE_ADDR          | localhost:99999     | port from 0 to 65535",
            "ESTELLE_ADDR          | ::1:80              | brackets",
            "ESTELLE_ADDR          | unix://relative.sock| absolute path",
            "ESTELLE_ALLOWED_DIRS  | relative/dir        | relative",
            "ESTELLE_ALLOWED_DIRS  | /nonexistent/dir    | does not exist",
            "ESTELLE_CACHE_DIR     | cache               | relative",
            "ESTELLE_CACHE_LIMIT   | lots                | e.g. 1GB",
            "ESTELLE_CACHE_LIMIT   | 0                   | positive",
            "ESTELLE_CACHE_LIMIT   | 10PB                | unit",
            "ESTELLE_CACHE_LIMIT   | -1G                 | positive",
            "ESTELLE_GC_HIGH_RATIO | 1.5                 | at most 1",
            "ESTELLE_GC_HIGH_RATIO | 0                   | greater than 0",
            "ESTELLE_GC_LOW_RATIO  | half                | a number",
            "ESTELLE_WORKERS       | 0                   | a positive integer",
            "ESTELLE_WORKERS       | two                 | a positive integer",
            "ESTELLE_WORKERS       | 100000              | at most 256",
            "ESTELLE_CACHE_LIMIT   | 0.5                 | positive",
            "ESTELLE_QUEUE_SIZE    | -5                  | a positive integer",
            "ESTELLE_MAX_SIZE      | 4k                  | a positive integer",
            "ESTELLE_ENGINE        | magick              | auto, libvips or vipsthumbnail",
            "ESTELLE_IDLE_TIMEOUT  | 0                   | at most 3600",
            "ESTELLE_LOG_FORMAT    | xml                 | text or json",
            "ESTELLE_LOG_LEVEL     | loud                | error, warn, info or debug",
            "ESTELLE_IDLE_TIMEOUT  | 10s                 | a positive integer",
            "ESTELLE_MAX_PIXELS    | lots                | e.g. 100M",
            "ESTELLE_MAX_PIXELS    | 0                   | positive",
            "ESTELLE_MAX_PIXELS    | 100MB               | unit K, M or G"})
    void invalidValueNamesTheVariableTheValueAndWhatIsExpected(String variable, String value, String expected) {
        env.put(variable, value);
        assertThatThrownBy(() -> DaemonConfig.fromEnv(env))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(variable + "=\"" + value + "\" is invalid: expected")
                .hasMessageContaining(expected)
                .hasMessageNotContaining("\n");
    }

    @Test
    void socketModeIsOctalAndOnlyForUnixSockets() {
        env.put("ESTELLE_ADDR", "unix:///run/e.sock");
        env.put("ESTELLE_SOCKET_MODE", "0660");
        assertThat(DaemonConfig.fromEnv(env).socketMode())
                .contains(java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw----"));
        env.put("ESTELLE_SOCKET_MODE", "600");
        assertThat(DaemonConfig.fromEnv(env).socketMode())
                .contains(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        env.put("ESTELLE_SOCKET_MODE", "0860");
        assertThatThrownBy(() -> DaemonConfig.fromEnv(env)).hasMessageContaining("an octal file mode");
        env.put("ESTELLE_SOCKET_MODE", "rw-rw----");
        assertThatThrownBy(() -> DaemonConfig.fromEnv(env)).hasMessageContaining("an octal file mode");
        env.put("ESTELLE_ADDR", "127.0.0.1:1186");
        env.put("ESTELLE_SOCKET_MODE", "0660");
        assertThatThrownBy(() -> DaemonConfig.fromEnv(env)).hasMessageContaining("not a unix:// socket");
    }

    @Test
    void lowRatioMustBeBelowHighRatio() {
        env.put("ESTELLE_GC_HIGH_RATIO", "0.5");
        env.put("ESTELLE_GC_LOW_RATIO", "0.6");
        assertThatThrownBy(() -> DaemonConfig.fromEnv(env)).hasMessageStartingWith("ESTELLE_GC_LOW_RATIO=0.6 is invalid");
    }

    @Test
    void allowedDirsIsRequired() {
        env.remove("ESTELLE_ALLOWED_DIRS");
        assertThatThrownBy(() -> DaemonConfig.fromEnv(env)).hasMessageStartingWith("ESTELLE_ALLOWED_DIRS is not set");
        env.put("ESTELLE_ALLOWED_DIRS", ":");
        assertThatThrownBy(() -> DaemonConfig.fromEnv(env)).hasMessageContaining("at least one directory");
    }

    @Test
    void allowedDirThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        env.put("ESTELLE_ALLOWED_DIRS", photos + ":" + file);
        assertThatThrownBy(() -> DaemonConfig.fromEnv(env)).hasMessageContaining(file + " is not a directory");
    }

    @Test
    void cacheDirWithoutHomeNamesBoth() {
        env.remove("HOME");
        assertThatThrownBy(() -> DaemonConfig.fromEnv(env)).hasMessageContaining("ESTELLE_CACHE_DIR").hasMessageContaining("HOME");
    }

    @Test
    void emptyValueMeansDefault() {
        env.put("ESTELLE_WORKERS", "");
        env.put("ESTELLE_SECRET", "");
        DaemonConfig config = DaemonConfig.fromEnv(env);
        assertThat(config.secret()).isEmpty();
        assertThat(config.workers()).isPositive();
    }

    @ParameterizedTest
    @CsvSource({"1GB, 1073741824", "1g, 1073741824", "512M, 536870912", "100K, 102400", "100kb, 102400",
            "42, 42", "42B, 42", "1T, 1099511627776", "1.5K, 1536"})
    void cacheLimitUnitsAre1024Based(String text, long bytes) {
        env.put("ESTELLE_CACHE_LIMIT", text);
        assertThat(DaemonConfig.fromEnv(env).cacheLimit()).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            ":1186              | | 1186",
            "127.0.0.1:80       | 127.0.0.1 | 80",
            "localhost:0        | localhost | 0",
            "[::1]:1186         | ::1 | 1186"})
    void tcpAddresses(String text, String host, int port) {
        assertThat(ListenAddress.parse(text)).isEqualTo(new ListenAddress.Tcp(host, port));
    }

    @Test
    void unixAddress() {
        assertThat(ListenAddress.parse("unix:///run/estelled.sock"))
                .isEqualTo(new ListenAddress.Unix(Path.of("/run/estelled.sock")));
        assertThatThrownBy(() -> ListenAddress.parse("unix:///" + "x".repeat(120)))
                .hasMessageContaining("at most 107 bytes");
    }

    @Test
    void loopbackIsTold() {
        assertThat(new ListenAddress.Tcp("127.0.0.1", 1).isLoopback()).isTrue();
        assertThat(new ListenAddress.Tcp("::1", 1).isLoopback()).isTrue();
        assertThat(new ListenAddress.Tcp(null, 1).isLoopback()).isFalse();
    }
}
