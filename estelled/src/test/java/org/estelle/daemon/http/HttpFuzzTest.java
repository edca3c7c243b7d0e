package org.estelle.daemon.http;

import org.estelle.daemon.testing.HttpProbe.Reply;
import org.estelle.daemon.testing.TestDaemon;
import org.estelle.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of random and mutated requests (seeded, so a failure replays):
 * every answer is one of the documented statuses, never a 500, every error
 * body is one line, and the daemon keeps serving.
 */
class HttpFuzzTest {

    private static final Set<Integer> DOCUMENTED = Set.of(200, 202, 400, 403, 404, 405, 414, 422, 431, 503, 505);
    private static final List<String> NAMES = List.of("source", "size", "mode", "format", "key", "x", "SOURCE", "");
    private static final List<String> PATHS = List.of("/get", "/queue", "/get/", "//get", "/GET", "/", "/metrics",
            "/get;x=1", "/%67et", "/queue/../get", "/get%00", "/get?");
    private static final List<String> METHODS = List.of("GET", "GET", "GET", "POST", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");

    @TempDir
    Path tmp;

    @Test
    void randomRequestsGetOnlyDocumentedAnswers() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Path photo = TestImages.jpeg(photos.resolve("a.jpg"), 120, 90);
        Path broken = TestImages.truncatedJpeg(photos.resolve("b.jpg"), 120, 90);
        Files.writeString(photos.resolve("c.txt"), "text");
        List<String> sources = List.of(photo.toString(), broken.toString(), photos + "/c.txt", photos + "/missing.jpg",
                photos.toString(), "/etc/passwd", photos + "/../../etc/shadow", "relative.jpg", "", "/", photos + "/a.jpg%00",
                photos + "/%2e%2e/x", "//" + photo);
        Random random = new Random(20261204);
        Map<Integer, Integer> seen = new TreeMap<>();

        try (TestDaemon estelled = TestDaemon.start(Map.of("ESTELLE_ALLOWED_DIRS", photos.toString(),
                "ESTELLE_CACHE_DIR", tmp.resolve("cache").toString(), "ESTELLE_MAX_SIZE", "200",
                "ESTELLE_QUEUE_SIZE", "8"))) {
            for (int i = 0; i < 2500; i++) {
                String method = pick(random, METHODS);
                String query = query(random, sources);
                String target = pick(random, PATHS) + (random.nextInt(10) == 0 ? "" : "?" + query);
                if (random.nextInt(8) == 0) {
                    target = mutate(random, target);
                }
                boolean withBody = method.equals("POST") && random.nextBoolean();
                String contentType = withBody ? pick(random, List.of("application/x-www-form-urlencoded",
                        "text/plain", "application/x-www-form-urlencoded; charset=latin1")) : null;
                String body = withBody ? mutate(random, query(random, sources)) : null;
                Reply reply;
                try {
                    reply = estelled.http.send(method, target, contentType, body);
                } catch (RuntimeException e) {
                    throw new AssertionError("request " + i + ": " + method + " " + target + " (" + contentType + ") "
                            + body + ": " + e.getMessage(), e);
                }
                seen.merge(reply.status(), 1, Integer::sum);
                assertThat(reply.status()).as("%s %s -> %s", method, target, reply.body()).isIn(DOCUMENTED);
                if (reply.status() >= 400) {
                    assertThat(reply.body()).as("%s %s", method, target).doesNotContain("\n");
                }
            }
            assertThat(estelled.get(photo, "size=64").status()).as("still serving").isEqualTo(200);
        }
        assertThat(seen.keySet()).as("the generator reaches successes and failures alike: %s", seen)
                .contains(200, 400, 403, 404, 405);
    }

    private static String query(Random random, List<String> sources) {
        StringBuilder query = new StringBuilder();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            String name = pick(random, NAMES);
            String value = switch (name) {
                case "source", "SOURCE" -> random.nextInt(4) == 0 ? randomText(random) : encode(pick(random, sources));
                case "size" -> pick(random, List.of("85", "10x10", "0", "201", "200x1", "abc", "-1", "1x", "x1",
                        "99999999999", "1.5", "64x64", "", randomText(random)));
                case "mode" -> pick(random, List.of("crop", "SHRINK", "stretch", "fill", "", randomText(random)));
                case "format" -> pick(random, List.of("webp", "JPG", "jpeg", "png", "gif", "", randomText(random)));
                default -> randomText(random);
            };
            if (i > 0) {
                query.append('&');
            }
            query.append(name);
            if (random.nextInt(10) > 0) {
                query.append('=').append(value);
            }
        }
        return query.toString();
    }

    /** Printable ASCII only (a request line must stay one token), with percent escapes of any byte. */
    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int n = random.nextInt(20);
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(4);
            if (kind == 0) {
                text.append('%').append(String.format("%02X", random.nextInt(256)));
            } else if (kind == 1) {
                text.append('%').append((char) ('0' + random.nextInt(75))); // often an invalid escape
            } else {
                text.append((char) (33 + random.nextInt(94)));
            }
        }
        return text.toString().replace("#", "%23");
    }

    private static String mutate(Random random, String text) {
        if (text.isEmpty()) {
            return text;
        }
        StringBuilder mutated = new StringBuilder(text);
        for (int k = random.nextInt(3) + 1; k > 0; k--) {
            int at = random.nextInt(mutated.length());
            switch (random.nextInt(3)) {
                case 0 -> mutated.deleteCharAt(at);
                case 1 -> mutated.insert(at, pick(random, List.of("%", "&", "=", "/", "..", "%2F", "%00", "+", ";")));
                default -> mutated.setCharAt(at, (char) (33 + random.nextInt(94)));
            }
            if (mutated.isEmpty()) {
                break;
            }
        }
        return mutated.toString().replace("#", "%23");
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
