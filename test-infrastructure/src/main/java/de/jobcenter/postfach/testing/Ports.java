package de.jobcenter.postfach.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Free TCP ports for servers that must know their port before they bind it (Kafka's listeners, child processes). */
public final class Ports {

    private Ports() {}

    /** A port that was free a moment ago on this machine. Another process may take it before it is bound again. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    /** Whether something accepts TCP connections at host:port within the timeout. */
    public static boolean isOpen(String host, int port, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
