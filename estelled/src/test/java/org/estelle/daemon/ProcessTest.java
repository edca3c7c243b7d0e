package org.estelle.daemon;

import org.estelle.cache.ThumbnailId;
import org.estelle.daemon.config.Variable;
import org.estelle.daemon.testing.HttpProbe;
import org.estelle.daemon.testing.HttpProbe.Reply;
import org.estelle.daemon.testing.TestDaemon;
import org.estelle.testing.ImageInfo;
import org.estelle.testing.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** estelled as a process: what a supervisor and an operator see. */
class ProcessTest {

    @TempDir
    Path tmp;

    /** Every process a test started: killed afterwards, so a failing test leaves no daemon behind. */
    private final List<Process> launched = new java.util.ArrayList<>();

    @AfterEach
    void killLeftovers() {
        launched.forEach(Process::destroyForcibly);
    }

    private Process launch(Map<String, String> env, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new java.util.ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(tmp.resolve("stdout.txt").toFile())
                .redirectError(tmp.resolve("stderr.txt").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("ESTELLE_"));
        builder.environment().put("ESTELLE_ENGINE", TestDaemon.engine());
        builder.environment().putAll(env);
        Process process = builder.start();
        launched.add(process);
        return process;
    }

    private String stdout() {
        return read(tmp.resolve("stdout.txt"));
    }

    private String stderr() {
        return read(tmp.resolve("stderr.txt"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void sigtermDrainsRunningWorkExitsZeroAndRemovesTheSocket() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Path big = TestImages.jpeg(photos.resolve("big.jpg"), 3264, 2448);
        Path socket = tmp.resolve("estelled.sock");
        Process daemon = launch(Map.of(
                "ESTELLE_ADDR", "unix://" + socket,
                "ESTELLE_ALLOWED_DIRS", photos.toString(),
                "ESTELLE_CACHE_DIR", tmp.resolve("cache").toString(),
                "ESTELLE_SECRET", "do-not-log-me",
                "ESTELLE_WORKERS", "1"));
        HttpProbe http = HttpProbe.unix(socket);
        awaitServing(daemon, http);

        // Three thumbnails asked for at once: one runs, two wait in the queue.
        List<CompletableFuture<Reply>> gets = List.of(400, 401, 402).stream()
                .map(size -> CompletableFuture.supplyAsync(() -> http.get("/get?key=do-not-log-me&size=" + size
                        + "&source=" + TestDaemon.encode(big.toString())), runnable -> Thread.ofVirtual().start(runnable)))
                .toList();
        Thread.sleep(300); // let the requests arrive; the first thumbnail takes longer than this
        daemon.destroy(); // SIGTERM

        assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(daemon.exitValue()).isZero();
        assertThat(socket).doesNotExist();
        // Every waiting client got an answer: the running one its thumbnail, queued ones 503.
        for (CompletableFuture<Reply> get : gets) {
            assertThat(get.get(5, TimeUnit.SECONDS).status()).isIn(200, 503);
        }
        assertThat(gets).extracting(g -> g.join().status()).contains(200);
        assertThat(stderr()).contains("serving on unix://" + socket).contains("auth=on")
                .doesNotContain("do-not-log-me").contains("estelled stopped")
                // one line per request: method, path, status, duration, cache, the engine's time
                .containsPattern("GET /get 200 \\d+\\.\\dms cache=miss engine_ms=\\d+\\.\\d")
                .doesNotContain("source=");
    }

    @Test
    void killDashNineDuringGenerationLeavesNoPartialThumbnailAndARestartClearsTheLeftovers() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Path big = TestImages.png(photos.resolve("big.png"), 4000, 3000);
        Path cache = tmp.resolve("cache");
        Path socket = tmp.resolve("estelled.sock");
        Map<String, String> env = Map.of("ESTELLE_ADDR", "unix://" + socket, "ESTELLE_ALLOWED_DIRS", photos.toString(),
                "ESTELLE_CACHE_DIR", cache.toString(), "ESTELLE_WORKERS", "1");
        Process daemon = launch(env);
        HttpProbe http = HttpProbe.unix(socket);
        awaitServing(daemon, http);
        String request = "/get?size=2500&format=png&source=" + TestDaemon.encode(big.toString());
        Thread.ofVirtual().start(() -> {
            try {
                http.get(request);
            } catch (RuntimeException expected) {
                // the daemon dies under it
            }
        });

        awaitFile(cache, name -> name.startsWith(".tmp-"));
        daemon.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
        assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // A supervisor kills the whole service; the orphaned vips child would otherwise write on.
        for (ProcessHandle orphan : ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(cache.toString())).toList()) {
            orphan.destroyForcibly();
            orphan.onExit().get(30, TimeUnit.SECONDS);
        }
        assertThat(files(cache, name -> name.startsWith(".tmp-"))).as("the interrupted write").isNotEmpty();
        assertThat(files(cache, name -> ThumbnailId.FILE_NAME.matcher(name).matches())).as("no partial thumbnail").isEmpty();

        Process restarted = launch(env);
        try {
            awaitServing(restarted, http);
            awaitAbsent(cache, name -> name.startsWith(".tmp-"));
            Reply reply = http.get(request.replace("size=2500", "size=100"));
            assertThat(reply.status()).isEqualTo(200);
            assertThat(ImageInfo.read(Path.of(reply.body()))).isEqualTo(new ImageInfo("png", 100, 100));
        } finally {
            restarted.destroy();
            restarted.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static List<Path> files(Path dir, java.util.function.Predicate<String> name) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (var walk = Files.walk(dir)) {
            return walk.filter(p -> name.test(p.getFileName().toString())).toList();
        }
    }

    private static void awaitFile(Path dir, java.util.function.Predicate<String> name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (files(dir, name).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no such file appeared under " + dir);
            }
            Thread.sleep(2);
        }
    }

    private static void awaitAbsent(Path dir, java.util.function.Predicate<String> name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!files(dir, name).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still there: " + files(dir, name));
            }
            Thread.sleep(20);
        }
    }

    @Test
    void jsonLogsAreOneObjectPerLineWithTheRequestsFields() throws Exception {
        Path photo = TestImages.jpeg(tmp.resolve("photos/a.jpg"), 300, 200);
        Path socket = tmp.resolve("estelled.sock");
        Process daemon = launch(Map.of("ESTELLE_ADDR", "unix://" + socket, "ESTELLE_ALLOWED_DIRS", photo.getParent().toString(),
                "ESTELLE_CACHE_DIR", tmp.resolve("cache").toString(), "ESTELLE_LOG_FORMAT", "json"));
        HttpProbe http = HttpProbe.unix(socket);
        awaitServing(daemon, http);
        String get = "/get?size=30&source=" + TestDaemon.encode(photo.toString());
        assertThat(http.get(get).status()).isEqualTo(200);
        assertThat(http.get(get).status()).isEqualTo(200);
        daemon.destroy();
        assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();

        List<String> lines = stderr().lines().toList();
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).matches("\\{\"time\":\"[^\"]+\",\"level\":\"[A-Z]+\",.*\\}"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"message\":\"estelled ").contains("serving on"));
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .contains("\"method\":\"GET\",\"path\":\"/get\",\"status\":200,\"duration_ms\":")
                .containsPattern("\"cache\":\"miss\",\"engine_ms\":\\d+\\.\\d+"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"status\":200").contains("\"cache\":\"hit\"")
                .doesNotContain("engine_ms"));
    }

    @Test
    void sigintStopsItToo() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Process daemon = launch(Map.of("ESTELLE_ADDR", "127.0.0.1:0", "ESTELLE_ALLOWED_DIRS", photos.toString(),
                "ESTELLE_CACHE_DIR", tmp.resolve("cache").toString()));
        awaitLog("serving on", 1);
        new ProcessBuilder("kill", "-INT", Long.toString(daemon.pid())).start().waitFor();
        assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(daemon.exitValue()).isZero();
    }

    @Test
    void autoDefersLibvipsOnlyWhenTheVipsProgramIsThereToFallBackOn() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Map<String, String> env = Map.of("ESTELLE_ADDR", "127.0.0.1:0", "ESTELLE_ALLOWED_DIRS", photos.toString(),
                "ESTELLE_CACHE_DIR", tmp.resolve("cache").toString(), "ESTELLE_ENGINE", "auto");
        Process deferred = launch(env);
        awaitLog("serving on", 1);
        assertThat(stderr()).contains("engine=auto");
        deferred.destroy();
        assertThat(deferred.waitFor(30, TimeUnit.SECONDS)).isTrue();

        // No vips program to fall back on: libvips is loaded (and checked) at start.
        Map<String, String> withoutVips = new java.util.HashMap<>(env);
        withoutVips.put("PATH", Files.createDirectories(tmp.resolve("empty-bin")).toString());
        Process loaded = launch(withoutVips);
        awaitLog("serving on", 1);
        assertThat(stderr()).contains("engine=libvips");
        loaded.destroy();
        assertThat(loaded.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void invalidSettingExitsNonZeroWithOneLineNamingIt() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Process daemon = launch(Map.of("ESTELLE_ALLOWED_DIRS", photos.toString(), "ESTELLE_WORKERS", "many"));
        assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(daemon.exitValue()).isEqualTo(2);
        assertThat(stderr().lines().toList()).containsExactly(
                "estelled: ESTELLE_WORKERS=\"many\" is invalid: expected a positive integer of at most 256");
    }

    @Test
    void missingAllowedDirsExitsNonZero() throws Exception {
        Process daemon = launch(Map.of());
        assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(daemon.exitValue()).isEqualTo(2);
        assertThat(stderr().strip()).startsWith("estelled: ESTELLE_ALLOWED_DIRS is not set").doesNotContain("\n");
    }

    @Test
    void unwritableCacheDirectoryExitsNonZeroNamingIt() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        Process daemon = launch(Map.of("ESTELLE_ALLOWED_DIRS", photos.toString(), "ESTELLE_ADDR", "127.0.0.1:0",
                "ESTELLE_CACHE_DIR", file.resolve("cache").toString()));
        assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(daemon.exitValue()).isEqualTo(1);
        assertThat(stderr()).contains("ESTELLE_CACHE_DIR=").contains("writable directory");
    }

    @Test
    void helpListsEveryVariableWithItsDefault() throws Exception {
        Process process = launch(Map.of(), "--help");
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        for (Variable variable : Variable.values()) {
            assertThat(stdout()).contains(variable.name()).contains("default: " + variable.defaultText());
        }
    }

    @Test
    void versionPrintsTheVersion() throws Exception {
        Process process = launch(Map.of(), "--version");
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(stdout()).matches("estelled \\d+\\.\\d+\\.\\d+.*\\R");
    }

    @Test
    void nonLoopbackAddressWithoutSecretIsWarnedAbout() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Process daemon = launch(Map.of("ESTELLE_ADDR", ":0", "ESTELLE_ALLOWED_DIRS", photos.toString(),
                "ESTELLE_CACHE_DIR", tmp.resolve("cache").toString()));
        try {
            awaitLog("without ESTELLE_SECRET", 1);
        } finally {
            daemon.destroy();
            daemon.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void awaitServing(Process daemon, HttpProbe http) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!daemon.isAlive()) {
                throw new AssertionError("daemon exited with " + daemon.exitValue() + ": " + stderr());
            }
            try {
                http.get("/get");
                return;
            } catch (UncheckedIOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("daemon did not start serving: " + stderr());
    }

    private void awaitLog(String text, int times) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (stderr().split(java.util.regex.Pattern.quote(text), -1).length - 1 < times) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no \"" + text + "\" in the log: " + stderr());
            }
            Thread.sleep(50);
        }
    }
}
