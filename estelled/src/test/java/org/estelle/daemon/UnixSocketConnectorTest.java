package org.estelle.daemon;

import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnixSocketConnectorTest {

    @Test
    void losingTheRaceToBindLeavesTheWinnersSocketAlone(@TempDir Path tmp) throws Exception {
        Path path = tmp.resolve("raced.sock");
        try (ServerSocketChannel winner = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            winner.bind(UnixDomainSocketAddress.of(path));
            Server server = new Server();
            UnixSocketConnector loser = new UnixSocketConnector(server, new HttpConnectionFactory(), java.util.Optional.empty());
            loser.setUnixDomainPath(path);
            server.addConnector(loser);

            assertThatThrownBy(server::start).isNotNull();
            server.stop();

            assertThat(path).exists();
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                assertThat(client.isConnected()).isTrue();
            }
        }
    }
}
