package org.estelle.daemon.testing;

import org.estelle.daemon.Daemon;
import org.estelle.daemon.config.DaemonConfig;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A real estelled started in this JVM on a free loopback port (or a given address), with settings from a map. */
public final class TestDaemon implements AutoCloseable {

    public final Daemon daemon;
    public final HttpProbe http;

    private TestDaemon(Daemon daemon, HttpProbe http) {
        this.daemon = daemon;
        this.http = http;
    }

    /** The engine under test: the build runs the integration tests once per engine. */
    public static String engine() {
        return System.getProperty("estelle.test.engine", "auto");
    }

    /** @param env settings; ESTELLE_ADDR defaults to 127.0.0.1:0, ESTELLE_ENGINE to the engine under test */
    public static TestDaemon start(Map<String, String> env) {
        Map<String, String> settings = new HashMap<>(env);
        settings.putIfAbsent("ESTELLE_ADDR", "127.0.0.1:0");
        settings.putIfAbsent("ESTELLE_ENGINE", engine());
        settings.putIfAbsent("ESTELLE_LOG_LEVEL", "warn"); // quiet test output
        Daemon daemon = Daemon.start(DaemonConfig.fromEnv(settings), "test");
        String addr = settings.get("ESTELLE_ADDR");
        HttpProbe http = addr.startsWith("unix://")
                ? HttpProbe.unix(Path.of(addr.substring("unix://".length())))
                : HttpProbe.tcp(daemon.port());
        return new TestDaemon(daemon, http);
    }

    public static TestDaemon start(Path allowed, Path cache, String... more) {
        Map<String, String> env = new HashMap<>(Map.of(
                "ESTELLE_ALLOWED_DIRS", allowed.toString(),
                "ESTELLE_CACHE_DIR", cache.toString()));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return start(env);
    }

    /** {@code /get?source=...} with the source percent-encoded and extra raw parameters appended. */
    public HttpProbe.Reply get(Path source, String extra) {
        return http.get("/get?source=" + encode(source.toString()) + (extra.isEmpty() ? "" : "&" + extra));
    }

    public HttpProbe.Reply queue(Path source, String extra) {
        return http.get("/queue?source=" + encode(source.toString()) + (extra.isEmpty() ? "" : "&" + extra));
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        daemon.close();
    }
}
