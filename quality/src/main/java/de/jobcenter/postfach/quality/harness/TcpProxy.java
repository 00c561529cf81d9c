package de.jobcenter.postfach.quality.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP forwarder on a port of its own in front of a real server (the SMTP server in a run). It can take the
 * server away — the listening socket closes and open connections are cut, so clients see "connection refused",
 * exactly as when the server is down — and bring it back on the same port. For SMTP it can also hold the server's
 * answer to the end of a mail's data (the {@code 250} after {@code <CRLF>.<CRLF>}): the server has taken the mail,
 * the client does not know yet. That is the window in which a crash makes a client send the mail again.
 */
public final class TcpProxy implements AutoCloseable {
    private static final byte[] END_OF_DATA = "\r\n.\r\n".getBytes(StandardCharsets.US_ASCII);

    private final int port;
    private final String targetHost;
    private final int targetPort;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger held = new AtomicInteger();
    private volatile ServerSocket server;
    private volatile boolean holdAfterEndOfData;

    private TcpProxy(int port, String targetHost, int targetPort) {
        this.port = port;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /** Forwards {@code localhost:port} to {@code targetHost:targetPort}. */
    public static TcpProxy start(int port, String targetHost, int targetPort) {
        TcpProxy proxy = new TcpProxy(port, targetHost, targetPort);
        proxy.setAvailable(true);
        return proxy;
    }

    public int port() {
        return port;
    }

    /** Down: nothing listens on the port and open connections are cut. Up: listening again, same port. */
    public synchronized void setAvailable(boolean available) {
        if (available && server == null) {
            try {
                ServerSocket socket = new ServerSocket();
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress("localhost", port));
                server = socket;
                Thread acceptor = new Thread(() -> accept(socket), "tcp-proxy-" + port);
                acceptor.setDaemon(true);
                acceptor.start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot listen on port " + port, e);
            }
        } else if (!available && server != null) {
            closeQuietly(server);
            server = null;
            connections.forEach(Connection::close);
            connections.clear();
            // The JDK closes a listening socket another thread accepts on with a short delay: wait until it refuses.
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (de.jobcenter.postfach.testing.Ports.isOpen("localhost", port, 200) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    public boolean isAvailable() {
        return server != null;
    }

    /**
     * While on, a connection whose client has sent the end of a mail's data gets no further bytes from the
     * server until {@link #releaseHeld()}: the server accepted the mail, the client waits for its answer.
     */
    public void holdAfterEndOfData(boolean on) {
        holdAfterEndOfData = on;
    }

    /** Connections held now. */
    public int heldConnections() {
        return held.get();
    }

    /** Lets held connections go on (or cuts them, if their client is gone). */
    public void releaseHeld() {
        holdAfterEndOfData = false;
        connections.forEach(Connection::release);
    }

    @Override
    public void close() {
        setAvailable(false);
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                if (server != socket) {
                    closeQuietly(client); // accepted while being taken down
                    return;
                }
                Socket upstream = new Socket();
                try {
                    upstream.connect(new InetSocketAddress(targetHost, targetPort), 5000);
                } catch (IOException e) {
                    closeQuietly(client);
                    closeQuietly(upstream);
                    continue;
                }
                Connection connection = new Connection(client, upstream);
                connections.add(connection);
                connection.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // nothing left to do
        }
    }

    /** One client connection and its connection to the server, pumped in both directions. */
    private final class Connection {
        private final Socket client;
        private final Socket upstream;
        private final Object lock = new Object();
        private boolean holding;

        Connection(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void start() {
            Thread up = new Thread(this::clientToServer, "tcp-proxy-up-" + port);
            Thread down = new Thread(this::serverToClient, "tcp-proxy-down-" + port);
            up.setDaemon(true);
            down.setDaemon(true);
            up.start();
            down.start();
        }

        private void clientToServer() {
            byte[] buffer = new byte[8192];
            byte[] tail = new byte[0];
            try (InputStream in = client.getInputStream();
                    OutputStream out = upstream.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (holdAfterEndOfData) {
                        byte[] window = new byte[tail.length + n];
                        System.arraycopy(tail, 0, window, 0, tail.length);
                        System.arraycopy(buffer, 0, window, tail.length, n);
                        if (indexOf(window, END_OF_DATA) >= 0) {
                            synchronized (lock) {
                                if (!holding) {
                                    holding = true;
                                    held.incrementAndGet();
                                }
                            }
                        }
                        int keep = Math.min(window.length, END_OF_DATA.length - 1);
                        tail = new byte[keep];
                        System.arraycopy(window, window.length - keep, tail, 0, keep);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                close();
            }
        }

        private void serverToClient() {
            byte[] buffer = new byte[8192];
            try (InputStream in = upstream.getInputStream();
                    OutputStream out = client.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (lock) {
                        while (holding) {
                            lock.wait();
                        }
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                close();
            }
        }

        void release() {
            synchronized (lock) {
                if (holding) {
                    holding = false;
                    held.decrementAndGet();
                }
                lock.notifyAll();
            }
        }

        void close() {
            release();
            closeQuietly(client);
            closeQuietly(upstream);
            connections.remove(this);
        }
    }

    static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
