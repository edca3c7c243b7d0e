package org.estelle.daemon.testing;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A small file system of its own for a test, to fill it up or make it
 * read-only under a running daemon. Only root may mount one; bin/test and CI
 * run as root here, so elsewhere such a test is skipped with that reason.
 */
public final class Tmpfs implements AutoCloseable {

    private final Path mountPoint;

    private Tmpfs(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a tmpfs of {@code size} (e.g. {@code 512k}) on the existing directory {@code mountPoint}. */
    public static Tmpfs mount(Path mountPoint, String size) throws Exception {
        assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root"), "mounting a tmpfs needs root");
        assertThat(run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mountPoint.toString()))
                .as("mount a %s tmpfs", size).isZero();
        return new Tmpfs(mountPoint);
    }

    public void remount(String options) throws Exception {
        assertThat(run("mount", "-o", "remount," + options, mountPoint.toString())).as("remount %s", options).isZero();
    }

    @Override
    public void close() throws Exception {
        run("umount", "-l", mountPoint.toString());
    }

    private static int run(String... command) throws Exception {
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }
}
