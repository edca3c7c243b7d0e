package org.estelle.daemon.log;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LogSinkTest {

    @Test
    void theSecretIsBlankedWhateverLoggedIt() {
        assertThat(LogSink.redact("GET /get?source=/a.jpg&key=S3cret&size=10 HTTP/1.1"))
                .isEqualTo("GET /get?source=/a.jpg&key=***&size=10 HTTP/1.1");
        assertThat(LogSink.redact("form: key=S3cret")).isEqualTo("form: key=***");
        assertThat(LogSink.redact("{\"uri\":\"/metrics?KEY=abc\"}")).isEqualTo("{\"uri\":\"/metrics?KEY=***\"}");
        assertThat(LogSink.redact("POST /get Key=abc")).isEqualTo("POST /get Key=***");
        assertThat(LogSink.redact("no secret here")).isEqualTo("no secret here");
    }

    @Test
    void jsonLinesEscapeWhatWouldBreakThem() {
        String line = LogFormat.JSON.line(Instant.EPOCH, "INFO", "t", "a \"quoted\"\nline\\", Map.of("status", 200), null);
        assertThat(line).isEqualTo("{\"time\":\"1970-01-01T00:00:00.000Z\",\"level\":\"INFO\",\"logger\":\"t\","
                + "\"message\":\"a \\\"quoted\\\"\\nline\\\\\",\"status\":200}");
    }

    @Test
    void textLinesStayOneLine() {
        String line = LogFormat.TEXT.line(Instant.EPOCH, "WARN", "t", "two\nlines", Map.of("cache", "hit"), null);
        assertThat(line).isEqualTo("1970-01-01T00:00:00.000Z WARN  t: two\\nlines cache=hit");
    }
}
