package org.estelle.daemon;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The file of a UNIX domain socket we are about to listen on. A socket file
 * left by a process that died is stale: nobody accepts on it, and it is
 * replaced. One that accepts belongs to a live daemon, and is never touched.
 * Nor is anything at that path that is not a socket.
 */
final class UnixSocketFile {

    private UnixSocketFile() {
    }

    /** Makes {@code path} free to bind, or says why it must not be. */
    static void prepare(Path path) {
        Path parent = path.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new StartupException("cannot listen on unix://" + path + ": directory " + parent + " does not exist");
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return; // nothing there
        }
        // A socket is neither a regular file, a directory nor a link: "other".
        if (!attributes.isOther()) {
            throw new StartupException("cannot listen on unix://" + path + ": the path exists and is not a socket");
        }
        if (isLive(path)) {
            throw new StartupException("cannot listen on unix://" + path
                    + ": another process is listening on it (is estelled already running?)");
        }
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new StartupException("cannot remove the stale socket unix://" + path + ": " + e.getMessage());
        }
    }

    private static boolean isLive(Path path) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(path));
            return true;
        } catch (ConnectException e) {
            return false; // ECONNREFUSED: nobody accepts
        } catch (IOException e) {
            // Permission denied, say: not ours to take over.
            throw new StartupException("cannot listen on unix://" + path
                    + ": cannot tell whether the socket there is in use: " + e.getMessage());
        }
    }
}
