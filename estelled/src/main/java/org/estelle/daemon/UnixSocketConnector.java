package org.estelle.daemon;

import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/**
 * Jetty's UNIX socket connector, except that it deletes the socket file on
 * stop only if it bound it. Jetty's deletes it whatever happened, so a daemon
 * that lost the race to bind would remove the winner's live socket.
 */
final class UnixSocketConnector extends UnixDomainServerConnector {

    private volatile boolean bound;
    private final Optional<Set<PosixFilePermission>> mode;

    /** @param mode the socket file's permissions, set as soon as it is bound; empty: as the umask made it */
    UnixSocketConnector(Server server, ConnectionFactory factory, Optional<Set<PosixFilePermission>> mode) {
        super(server, 1, Daemon.SELECTORS, factory);
        this.mode = mode;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        bound = true;
        // Between bind and here the socket has the umask's mode, which (with the
        // usual 022) lets nobody but the owner connect: connecting needs write permission.
        if (mode.isPresent()) {
            Files.setPosixFilePermissions(getUnixDomainPath(), mode.get());
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (bound) {
            super.doStop();
        }
    }
}
