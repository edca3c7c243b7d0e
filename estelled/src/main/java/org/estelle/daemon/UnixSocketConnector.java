package org.estelle.daemon;

import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;

/**
 * Jetty's UNIX socket connector, except that it deletes the socket file on
 * stop only if it bound it. Jetty's deletes it whatever happened, so a daemon
 * that lost the race to bind would remove the winner's live socket.
 */
final class UnixSocketConnector extends UnixDomainServerConnector {

    private volatile boolean bound;

    UnixSocketConnector(Server server, ConnectionFactory factory) {
        super(server, 1, 1, factory);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        bound = true;
    }

    @Override
    protected void doStop() throws Exception {
        if (bound) {
            super.doStop();
        }
    }
}
