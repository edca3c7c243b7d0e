package org.estelle.daemon.config;

import org.estelle.Estelle;
import org.estelle.daemon.log.LogFormat;
import org.slf4j.event.Level;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The daemon's settings, read from environment variables (see {@link Variable})
 * by a pure function of the environment, so tests pass a map. Every value is
 * validated here; a wrong one is a {@link ConfigException} naming the
 * variable, the value and what is expected.
 *
 * @param secret empty when authentication is off; never logged
 */
public record DaemonConfig(
        ListenAddress address,
        Optional<Set<PosixFilePermission>> socketMode,
        List<Path> allowedDirs,
        Path cacheDir,
        long cacheLimit,
        double gcHighRatio,
        double gcLowRatio,
        int workers,
        int queueSize,
        Optional<String> secret,
        EngineChoice engine,
        Duration idleTimeout,
        LogFormat logFormat,
        Level logLevel,
        int maxSize,
        long maxPixels) {

    /** Each worker is a thread that may hold a decoded image: more than this is a typo. */
    static final int MAX_WORKERS = 256;
    static final int MAX_QUEUE_SIZE = 1_000_000;
    static final int MAX_IDLE_SECONDS = 3600;
    /** libvips' own limit on an image's edge. */
    static final int MAX_EDGE = 10_000_000;

    public DaemonConfig {
        allowedDirs = List.copyOf(allowedDirs);
    }

    /** @throws ConfigException naming the first variable that is wrong */
    public static DaemonConfig fromEnv(Map<String, String> env) {
        Reader reader = new Reader(env);
        double high = reader.ratio(Variable.ESTELLE_GC_HIGH_RATIO, 0.90);
        double low = reader.ratio(Variable.ESTELLE_GC_LOW_RATIO, 0.75);
        if (low >= high) {
            throw new ConfigException(Variable.ESTELLE_GC_LOW_RATIO + "=" + low + " is invalid: expected less than "
                    + Variable.ESTELLE_GC_HIGH_RATIO + "=" + high);
        }
        ListenAddress address = ListenAddress.parse(reader.get(Variable.ESTELLE_ADDR).orElse(":1186"));
        return new DaemonConfig(
                address,
                reader.socketMode(address),
                reader.allowedDirs(),
                reader.cacheDir(),
                reader.get(Variable.ESTELLE_CACHE_LIMIT).map(v -> Quantity.parse(Variable.ESTELLE_CACHE_LIMIT, v,
                        Quantity.BYTES, "a positive number of bytes with an optional unit B, K/KB, M/MB, G/GB or T/TB,"
                                + " e.g. 1GB")).orElse(1L << 30),
                high,
                low,
                reader.positive(Variable.ESTELLE_WORKERS, Estelle.defaultWorkers(), MAX_WORKERS),
                reader.positive(Variable.ESTELLE_QUEUE_SIZE, Estelle.DEFAULT_QUEUE_SIZE, MAX_QUEUE_SIZE),
                reader.get(Variable.ESTELLE_SECRET),
                reader.get(Variable.ESTELLE_ENGINE).map(EngineChoice::parse).orElse(EngineChoice.AUTO),
                Duration.ofSeconds(reader.positive(Variable.ESTELLE_IDLE_TIMEOUT, 30, MAX_IDLE_SECONDS)),
                reader.logFormat(),
                reader.logLevel(),
                reader.positive(Variable.ESTELLE_MAX_SIZE, Estelle.DEFAULT_MAX_EDGE, MAX_EDGE),
                reader.get(Variable.ESTELLE_MAX_PIXELS).map(v -> Quantity.parse(Variable.ESTELLE_MAX_PIXELS, v,
                        Quantity.PIXELS, "a positive number of pixels with an optional unit K, M or G (1000-based),"
                                + " e.g. 100M")).orElse(Estelle.DEFAULT_MAX_PIXELS));
    }

    /** The effective settings in one line, for the start log; never the secret. */
    public String describe() {
        return "addr=" + address
                + socketMode.map(mode -> " socket_mode=" + PosixFilePermissions.toString(mode)).orElse("")
                + " allowed_dirs=" + String.join(":", allowedDirs.stream().map(Path::toString).toList())
                + " cache_dir=" + cacheDir
                + " cache_limit=" + Quantity.formatBytes(cacheLimit)
                + " gc_ratios=" + gcHighRatio + "/" + gcLowRatio
                + " workers=" + workers
                + " queue_size=" + queueSize
                + " max_size=" + maxSize
                + " max_pixels=" + maxPixels
                + " idle_timeout=" + idleTimeout.toSeconds() + "s"
                + " log=" + logFormat.name().toLowerCase(java.util.Locale.ROOT) + "/" + logLevel.name().toLowerCase(java.util.Locale.ROOT)
                + " auth=" + (secret.isPresent() ? "on" : "off");
    }

    /** Reads variables; an empty value counts as absent, as in the Go daemon. */
    private record Reader(Map<String, String> env) {

        Optional<String> get(Variable variable) {
            String value = env.get(variable.name());
            return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
        }

        int positive(Variable variable, int defaultValue, int max) {
            Optional<String> text = get(variable);
            if (text.isEmpty()) {
                return defaultValue;
            }
            String value = text.get().strip();
            try {
                int n = Integer.parseInt(value);
                if (n >= 1 && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // fall through to the one message
            }
            throw ConfigException.invalid(variable, text.get(), "a positive integer of at most " + max);
        }

        double ratio(Variable variable, double defaultValue) {
            Optional<String> text = get(variable);
            if (text.isEmpty()) {
                return defaultValue;
            }
            try {
                double ratio = Double.parseDouble(text.get().strip());
                if (ratio > 0 && ratio <= 1) {
                    return ratio;
                }
            } catch (NumberFormatException e) {
                // fall through to the one message
            }
            throw ConfigException.invalid(variable, text.get(), "a number greater than 0 and at most 1, e.g. 0.9");
        }

        List<Path> allowedDirs() {
            Variable variable = Variable.ESTELLE_ALLOWED_DIRS;
            String text = get(variable).orElseThrow(() -> new ConfigException(variable
                    + " is not set: give at least one directory whose images may be thumbnailed, e.g. "
                    + variable + "=/srv/photos:/home/me/Pictures"));
            List<Path> dirs = new ArrayList<>();
            for (String entry : text.split(":")) {
                if (entry.isEmpty()) {
                    continue; // "a::b" or a trailing ':' is a slip, not a request for the current directory
                }
                Path dir = absolutePath(variable, text, entry);
                if (!Files.isDirectory(dir)) {
                    throw ConfigException.invalid(variable, text, "existing directories, but " + entry
                            + (Files.exists(dir) ? " is not a directory" : " does not exist"));
                }
                dirs.add(dir);
            }
            if (dirs.isEmpty()) {
                throw ConfigException.invalid(variable, text, "at least one directory");
            }
            return dirs;
        }

        Optional<Set<PosixFilePermission>> socketMode(ListenAddress address) {
            Variable variable = Variable.ESTELLE_SOCKET_MODE;
            Optional<String> text = get(variable);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            if (!(address instanceof ListenAddress.Unix)) {
                throw ConfigException.invalid(variable, text.get(), "nothing, since ESTELLE_ADDR is not a unix:// socket");
            }
            String octal = text.get().strip();
            if (!octal.matches("0?[0-7]{3}")) {
                throw ConfigException.invalid(variable, text.get(), "an octal file mode such as 0660 or 600");
            }
            return Optional.of(PosixFilePermissions.fromString(permissions(Integer.parseInt(octal, 8))));
        }

        /** {@code 0660} as {@code rw-rw----}. */
        private static String permissions(int mode) {
            StringBuilder text = new StringBuilder();
            for (int shift = 6; shift >= 0; shift -= 3) {
                int bits = mode >> shift;
                text.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-').append((bits & 1) != 0 ? 'x' : '-');
            }
            return text.toString();
        }

        LogFormat logFormat() {
            Variable variable = Variable.ESTELLE_LOG_FORMAT;
            return get(variable).map(text -> {
                LogFormat format = LogFormat.parse(text);
                if (format == null) {
                    throw ConfigException.invalid(variable, text, "text or json");
                }
                return format;
            }).orElse(LogFormat.TEXT);
        }

        Level logLevel() {
            Variable variable = Variable.ESTELLE_LOG_LEVEL;
            return get(variable).map(text -> switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "error" -> Level.ERROR;
                case "warn", "warning" -> Level.WARN;
                case "info" -> Level.INFO;
                case "debug" -> Level.DEBUG;
                default -> throw ConfigException.invalid(variable, text, "error, warn, info or debug");
            }).orElse(Level.INFO);
        }

        Path cacheDir() {
            Variable variable = Variable.ESTELLE_CACHE_DIR;
            Optional<String> text = get(variable);
            if (text.isPresent()) {
                return absolutePath(variable, text.get(), text.get());
            }
            String home = env.get("HOME");
            if (home == null || home.isEmpty() || !home.startsWith("/")) {
                throw new ConfigException(variable + " is not set and HOME is not an absolute path"
                        + " to default it from: set " + variable + ", e.g. /var/cache/estelled");
            }
            return Path.of(home, ".cache", "estelled").normalize();
        }

        private static Path absolutePath(Variable variable, String text, String entry) {
            if (!entry.startsWith("/")) {
                throw ConfigException.invalid(variable, text, "absolute paths, but " + entry + " is relative");
            }
            try {
                return Path.of(entry).normalize();
            } catch (InvalidPathException e) {
                throw ConfigException.invalid(variable, text, "valid paths (" + e.getReason() + ")");
            }
        }
    }
}
