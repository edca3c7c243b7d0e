package org.estelle.daemon.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Where the daemon listens: a TCP host and port, or a UNIX domain socket file. */
public sealed interface ListenAddress {

    /** {@code host} is null for every interface; port 0 means any free port. */
    record Tcp(String host, int port) implements ListenAddress {
        /** Whether only this machine can connect. */
        public boolean isLoopback() {
            if (host == null) {
                return false;
            }
            try {
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }

        @Override
        public String toString() {
            String h = host == null ? "" : host.contains(":") ? "[" + host + "]" : host;
            return h + ":" + port;
        }
    }

    record Unix(Path path) implements ListenAddress {
        @Override
        public String toString() {
            return "unix://" + path;
        }
    }

    /** The longest socket path Linux accepts ({@code sun_path} holds 108 bytes with the NUL). */
    int MAX_SOCKET_PATH_BYTES = 107;

    static ListenAddress parse(String text) {
        String expected = "HOST:PORT, :PORT, [IPv6]:PORT or unix:///absolute/path.sock";
        if (text.startsWith("unix://")) {
            String file = text.substring("unix://".length());
            if (!file.startsWith("/")) {
                throw ConfigException.invalid(Variable.ESTELLE_ADDR, text, "unix:// followed by an absolute path, e.g. unix:///run/estelled.sock");
            }
            if (file.getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH_BYTES) {
                throw ConfigException.invalid(Variable.ESTELLE_ADDR, text, "a socket path of at most " + MAX_SOCKET_PATH_BYTES + " bytes");
            }
            return new Unix(Path.of(file).normalize());
        }
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw ConfigException.invalid(Variable.ESTELLE_ADDR, text, expected);
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":") || host.contains("[") || host.contains("]")) {
            throw ConfigException.invalid(Variable.ESTELLE_ADDR, text, expected + " (put an IPv6 address in brackets)");
        }
        String port = text.substring(colon + 1);
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)
                || Integer.parseInt(port) > 65535) {
            throw ConfigException.invalid(Variable.ESTELLE_ADDR, text, expected + " with a port from 0 to 65535");
        }
        return new Tcp(host.isEmpty() ? null : host, Integer.parseInt(port));
    }
}
