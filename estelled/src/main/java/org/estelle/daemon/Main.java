package org.estelle.daemon;

import org.estelle.daemon.config.ConfigException;
import org.estelle.daemon.config.DaemonConfig;
import org.estelle.daemon.config.Variable;
import org.estelle.daemon.log.LogSink;
import sun.misc.Signal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * {@code estelled}: configured by environment variables, stopped by SIGTERM or
 * SIGINT, after which it drains and exits 0. Exit 2 means a setting is wrong,
 * 1 that the daemon could not start.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.print(help());
            return 0;
        }
        if (args.length == 1 && args[0].equals("--version")) {
            out.println("estelled " + version());
            return 0;
        }
        if (args.length > 0) {
            err.println("estelled: unknown argument \"" + args[0] + "\": estelled is configured by"
                    + " environment variables; see estelled --help");
            return 2;
        }
        DaemonConfig config;
        try {
            config = DaemonConfig.fromEnv(env);
        } catch (ConfigException e) {
            err.println("estelled: " + e.getMessage());
            return 2;
        }
        LogSink.configure(config.logFormat(), config.logLevel());
        // Our own handlers replace the JVM's, so a signal is an orderly stop
        // with exit status 0 rather than the JVM's 128+signal.
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        Daemon daemon;
        try {
            daemon = Daemon.start(config, version());
        } catch (StartupException e) {
            LogSink.flush();
            err.println("estelled: " + e.getMessage());
            return 1;
        }
        awaitSignal(stop);
        daemon.close();
        LogSink.flush();
        return 0;
    }

    private static void awaitSignal(CountDownLatch stop) {
        while (true) {
            try {
                stop.await();
                return;
            } catch (InterruptedException e) {
                // only a signal stops the daemon
            }
        }
    }

    static String help() {
        StringBuilder text = new StringBuilder("""
                estelled %s: a system-wide thumbnail pool.

                Usage: estelled [--help | --version]
                Configured by environment variables:

                """.formatted(version()));
        for (Variable v : Variable.values()) {
            text.append(String.format("  %-22s %s%n  %-22s default: %s%n", v.name(), v.description(), "", v.defaultText()));
        }
        text.append("""

                HTTP API: GET or POST /get?source=/abs/image.jpg&size=400x300&mode=crop&format=webp
                answers the thumbnail's path; /queue makes it in the background (202).
                """);
        return text.toString();
    }

    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("/estelled-version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
