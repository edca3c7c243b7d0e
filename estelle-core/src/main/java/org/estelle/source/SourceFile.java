package org.estelle.source;

import org.estelle.cache.Fingerprint;

import java.nio.file.Path;

/**
 * A source that passed the access checks: {@code path} is the normalised path
 * the client named (the cache identity is computed from it), {@code realPath}
 * the regular file it resolves to (the one an engine reads).
 */
public record SourceFile(Path path, Path realPath, Fingerprint fingerprint) {
}
