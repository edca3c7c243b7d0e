package org.estelle.daemon.http;

import org.estelle.daemon.testing.HttpProbe.Reply;
import org.estelle.daemon.testing.TestDaemon;
import org.estelle.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** /health and /metrics, as a supervisor and a Prometheus server see them. */
class OperationsTest {

    @TempDir
    Path tmp;

    @Test
    void metricsCountAHitAMissAndA404() throws Exception {
        Path photo = TestImages.jpeg(tmp.resolve("photos/a.jpg"), 300, 200);
        try (TestDaemon estelled = TestDaemon.start(photo.getParent(), tmp.resolve("cache"))) {
            assertThat(estelled.get(photo, "size=40").status()).isEqualTo(200);     // a miss
            assertThat(estelled.get(photo, "size=40").status()).isEqualTo(200);     // a hit
            assertThat(estelled.get(photo.resolveSibling("none.jpg"), "").status()).isEqualTo(404);
            assertThat(estelled.http.get("/nowhere").status()).isEqualTo(404);

            String metrics = awaitMetrics(estelled, "estelle_requests_total{endpoint=\"other\",status=\"404\"} 1");
            assertThat(value(metrics, "estelle_requests_total{endpoint=\"/get\",status=\"200\"}")).isEqualTo(2);
            assertThat(value(metrics, "estelle_requests_total{endpoint=\"/get\",status=\"404\"}")).isEqualTo(1);
            assertThat(value(metrics, "estelle_cache_hits_total")).isEqualTo(1);
            assertThat(value(metrics, "estelle_cache_misses_total")).isEqualTo(1);
            String engine = engineName(metrics);
            assertThat(value(metrics, "estelle_generations_total{engine=\"" + engine + "\",outcome=\"ok\"}")).isEqualTo(1);
            assertThat(value(metrics, "estelle_generation_duration_seconds_count{engine=\"" + engine + "\"}")).isEqualTo(1);
            assertThat(value(metrics, "estelle_cache_bytes")).isPositive();
            assertThat(value(metrics, "estelle_cache_limit_bytes")).isEqualTo(1L << 30);
            assertThat(metrics).contains("estelle_queue_depth 0", "estelle_tasks_running 0", "estelle_evictions_total 0",
                    "estelle_failures_remembered 0");
        }
    }

    @Test
    void healthIs200WhenServingAnd503WithAReasonWhenTheCacheIsGone() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Path cache = tmp.resolve("cache");
        try (TestDaemon estelled = TestDaemon.start(photos, cache)) {
            Reply healthy = estelled.http.get("/health");
            assertThat(healthy.status()).isEqualTo(200);
            assertThat(healthy.body()).startsWith("ok");

            try (Stream<Path> files = Files.walk(cache)) {
                for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
            Reply sick = estelled.http.get("/health");
            assertThat(sick.status()).isEqualTo(503);
            assertThat(sick.body()).contains("cache directory").doesNotContain("\n");
            assertThat(estelled.daemon.estelle().stats().generations()).isZero();
        }
    }

    @Test
    void healthAndMetricsObeyTheSecretAndAreGetOnly() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        try (TestDaemon estelled = TestDaemon.start(Map.of("ESTELLE_ALLOWED_DIRS", photos.toString(),
                "ESTELLE_CACHE_DIR", tmp.resolve("cache").toString(), "ESTELLE_SECRET", "s"))) {
            assertThat(estelled.http.get("/health").status()).isEqualTo(403);
            assertThat(estelled.http.get("/metrics").status()).isEqualTo(403);
            assertThat(estelled.http.get("/health?key=s").status()).isEqualTo(200);
            Reply metrics = estelled.http.get("/metrics?key=s");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.header("Content-Type")).startsWith("text/plain; version=0.0.4");

            Reply post = estelled.http.send("POST", "/health?key=s", null, null);
            assertThat(post.status()).isEqualTo(405);
            assertThat(post.header("Allow")).isEqualTo("GET");
        }
    }

    private static String awaitMetrics(TestDaemon estelled, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            String metrics = estelled.http.get("/metrics").body();
            if (metrics.contains(expected) || System.nanoTime() > deadline) {
                return metrics;
            }
            Thread.sleep(20); // requests are counted when their response is complete
        }
    }

    private static String engineName(String metrics) {
        Matcher m = Pattern.compile("estelle_generations_total\\{engine=\"([a-z]+)\"").matcher(metrics);
        assertThat(m.find()).as("a generation counted: %s", metrics).isTrue();
        return m.group(1);
    }

    private static long value(String metrics, String series) {
        for (String line : metrics.lines().toList()) {
            if (line.startsWith(series + " ")) {
                return (long) Double.parseDouble(line.substring(series.length() + 1).strip());
            }
        }
        throw new AssertionError("no " + series + " in\n" + metrics);
    }
}
