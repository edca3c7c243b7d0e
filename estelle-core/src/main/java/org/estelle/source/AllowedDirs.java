package org.estelle.source;

import org.estelle.BusyException;
import org.estelle.ForbiddenException;
import org.estelle.NotFoundException;
import org.estelle.cache.Fingerprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The directories whose images may be thumbnailed, and the check that keeps
 * every other file out of reach.
 *
 * <p>A source is admitted in two steps. First lexically: its normalised path
 * must lie under an allowed directory, as configured or as resolved (so an
 * allowed directory that is a symbolic link admits its target too); a path
 * outside is refused before the file system is asked anything about it.
 * Then really: after every symbolic link is resolved, the file must still lie
 * under the resolved form of an allowed directory, and be a regular file.
 * Directories, FIFOs, sockets and devices are refused from their attributes,
 * without ever being opened. "Under" means by whole path components:
 * {@code /data/img2} is not under {@code /data/img}.
 *
 * <p>Immutable and thread-safe.
 */
public final class AllowedDirs {

    private final List<Path> lexical;
    private final List<Path> resolved;

    private AllowedDirs(List<Path> lexical, List<Path> resolved) {
        this.lexical = List.copyOf(lexical);
        this.resolved = List.copyOf(resolved);
    }

    /**
     * @param dirs absolute paths of existing directories, at least one
     * @throws IllegalArgumentException naming the first entry that is not one
     */
    public static AllowedDirs of(List<Path> dirs) {
        if (dirs.isEmpty()) {
            throw new IllegalArgumentException("no allowed directory given");
        }
        Set<Path> lexical = new LinkedHashSet<>();
        Set<Path> resolved = new LinkedHashSet<>();
        for (Path dir : dirs) {
            if (!dir.isAbsolute()) {
                throw new IllegalArgumentException(dir + " is not an absolute path");
            }
            Path real;
            try {
                real = dir.toRealPath();
            } catch (IOException e) {
                throw new IllegalArgumentException(dir + " does not exist or cannot be read");
            }
            if (!Files.isDirectory(real)) {
                throw new IllegalArgumentException(dir + " is not a directory");
            }
            lexical.add(dir.normalize());
            lexical.add(real);
            resolved.add(real);
        }
        return new AllowedDirs(new ArrayList<>(lexical), new ArrayList<>(resolved));
    }

    /**
     * Admits {@code source} (absolute and normalised) or says why not.
     *
     * @throws ForbiddenException if it lies, or resolves, outside the allowed directories
     * @throws NotFoundException if it does not exist or is not a regular file
     */
    public SourceFile resolve(Path source) {
        if (!isUnderAny(source, lexical)) {
            throw new ForbiddenException("source " + source + " is outside the allowed directories");
        }
        Path real;
        try {
            real = source.toRealPath();
        } catch (NoSuchFileException e) {
            throw new NotFoundException("source " + source + " does not exist");
        } catch (IOException e) {
            // A link loop, a path through a non-directory, a directory we may not search.
            throw new NotFoundException("source " + source + " cannot be resolved: " + e.getMessage());
        }
        if (!isUnderAny(real, resolved)) {
            throw new ForbiddenException("source " + source + " resolves to a file outside the allowed directories");
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new NotFoundException("source " + source + " cannot be read: " + e.getMessage());
        }
        if (!attributes.isRegularFile()) {
            throw new NotFoundException("source " + source + " is not a regular file");
        }
        return new SourceFile(source, real, Fingerprint.of(source, attributes), attributes.fileKey());
    }

    /**
     * Opens a source that {@link #resolve} admitted, and checks what was
     * opened rather than what a name pointed to a moment earlier: a directory
     * or link swapped after the check would otherwise let an engine read a
     * file outside. The file is opened without following a final link and
     * without blocking (a FIFO swapped in returns at once), then the open
     * file's real location must still lie under an allowed directory, and it
     * must be the regular file, of the same identity, size and modification
     * time, that was checked.
     *
     * @throws BusyException if the source changed since it was checked (ask again)
     * @throws NotFoundException if it is gone or cannot be read
     */
    public OpenedSource open(SourceFile checked) {
        int fd = Posix.openForReading(checked.realPath().toString());
        if (fd < 0) {
            if (-fd == Posix.ELOOP) {
                throw changed(checked);
            }
            throw new NotFoundException("source " + checked.path() + " cannot be opened (errno " + -fd + ")");
        }
        OpenedSource opened = new OpenedSource(fd);
        try {
            Path real = Files.readSymbolicLink(opened.path()); // where the kernel says the open file is
            BasicFileAttributes attributes = Files.readAttributes(opened.path(), BasicFileAttributes.class);
            if (!isUnderAny(real, resolved)) {
                throw new ForbiddenException("source " + checked.path() + " resolves to a file outside the allowed directories");
            }
            if (!attributes.isRegularFile() || !java.util.Objects.equals(attributes.fileKey(), checked.fileKey())
                    || !Fingerprint.of(checked.path(), attributes).equals(checked.fingerprint())) {
                throw changed(checked);
            }
            return opened;
        } catch (IOException e) {
            opened.close();
            throw new NotFoundException("source " + checked.path() + " cannot be read: " + e.getMessage());
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    private static BusyException changed(SourceFile checked) {
        return new BusyException("source " + checked.path() + " changed while its thumbnail was being made; ask again");
    }

    private static boolean isUnderAny(Path path, List<Path> dirs) {
        for (Path dir : dirs) {
            if (path.startsWith(dir) && !path.equals(dir)) {
                return true;
            }
        }
        return false;
    }
}
