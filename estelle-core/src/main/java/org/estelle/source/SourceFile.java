package org.estelle.source;

import org.estelle.cache.Fingerprint;

import java.nio.file.Path;

/**
 * A source that passed the access checks: {@code path} is the normalised path
 * the client named (the cache identity is computed from it), {@code realPath}
 * the regular file it resolves to, and {@code fileKey} that file's identity
 * (device and inode), so a file swapped in under the same name is told apart.
 */
public record SourceFile(Path path, Path realPath, Fingerprint fingerprint, Object fileKey) {
}
