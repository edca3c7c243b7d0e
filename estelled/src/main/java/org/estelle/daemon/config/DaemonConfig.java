package org.estelle.daemon.config;

import org.estelle.Estelle;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        List<Path> allowedDirs,
        Path cacheDir,
        long cacheLimit,
        double gcHighRatio,
        double gcLowRatio,
        int workers,
        int queueSize,
        Optional<String> secret,
        int maxSize) {

    /** Each worker is a thread that may hold a decoded image: more than this is a typo. */
    static final int MAX_WORKERS = 256;
    static final int MAX_QUEUE_SIZE = 1_000_000;
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
        return new DaemonConfig(
                ListenAddress.parse(reader.get(Variable.ESTELLE_ADDR).orElse(":1186")),
                reader.allowedDirs(),
                reader.cacheDir(),
                reader.get(Variable.ESTELLE_CACHE_LIMIT).map(v -> ByteSize.parse(Variable.ESTELLE_CACHE_LIMIT, v))
                        .orElse(1L << 30),
                high,
                low,
                reader.positive(Variable.ESTELLE_WORKERS, Estelle.defaultWorkers(), MAX_WORKERS),
                reader.positive(Variable.ESTELLE_QUEUE_SIZE, Estelle.DEFAULT_QUEUE_SIZE, MAX_QUEUE_SIZE),
                reader.get(Variable.ESTELLE_SECRET),
                reader.positive(Variable.ESTELLE_MAX_SIZE, Estelle.DEFAULT_MAX_EDGE, MAX_EDGE));
    }

    /** The effective settings in one line, for the start log; never the secret. */
    public String describe() {
        return "addr=" + address
                + " allowed_dirs=" + String.join(":", allowedDirs.stream().map(Path::toString).toList())
                + " cache_dir=" + cacheDir
                + " cache_limit=" + ByteSize.format(cacheLimit)
                + " gc_ratios=" + gcHighRatio + "/" + gcLowRatio
                + " workers=" + workers
                + " queue_size=" + queueSize
                + " max_size=" + maxSize
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
