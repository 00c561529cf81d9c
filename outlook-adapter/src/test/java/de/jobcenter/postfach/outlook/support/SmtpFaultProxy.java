package de.jobcenter.postfach.outlook.support;

import de.jobcenter.postfach.testing.Ports;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of GreenMail's SMTP port, for the two faults GreenMail cannot produce: the server going
 * away (the port closes, connections are refused) and coming back on the same port, and a recipient the server
 * refuses ({@code 550 5.1.1} to {@code RCPT TO}, as a real server answers for an unknown mailbox). It can also cut
 * a connection the moment the next mail starts ({@code MAIL FROM}), as a server or firewall dropping a session does,
 * and counts the connections it accepted. Everything else passes through unchanged, so the adapter speaks real SMTP
 * to a real server.
 */
public final class SmtpFaultProxy implements AutoCloseable {
    private final int port;
    private final int targetPort;
    private final Set<String> refusedRecipients = ConcurrentHashMap.newKeySet();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicBoolean dropOnNextMailFrom = new AtomicBoolean();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "smtp-fault-proxy");
        t.setDaemon(true);
        return t;
    });
    private ServerSocket server;

    private SmtpFaultProxy(int port, int targetPort) {
        this.port = port;
        this.targetPort = targetPort;
    }

    /** A proxy on a free port of 127.0.0.1 to the SMTP server on {@code targetPort}, accepting connections. */
    public static SmtpFaultProxy start(int targetPort) {
        SmtpFaultProxy proxy = new SmtpFaultProxy(Ports.free(), targetPort);
        proxy.up();
        return proxy;
    }

    public int port() {
        return port;
    }

    /** Accepts connections (again), on the same port. */
    public synchronized void up() {
        if (server != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            server = socket;
            threads.submit(() -> accept(socket));
        } catch (IOException e) {
            throw new UncheckedIOException("proxy port " + port + " not available", e);
        }
    }

    /** Closes the port and every open connection: the server is down. */
    public synchronized void down() {
        if (server == null) {
            return;
        }
        closeQuietly(server);
        server = null;
        connections.forEach(SmtpFaultProxy::closeQuietly);
        connections.clear();
    }

    /** From now on, {@code RCPT TO} this address is answered with 550. */
    public void refuseRecipient(String address) {
        refusedRecipients.add(address.toLowerCase(Locale.ROOT));
    }

    /** Connections accepted so far: one per SMTP session the adapter opened. */
    public int connectionsAccepted() {
        return accepted.get();
    }

    /** Connections open now (the client's side not yet closed). */
    public int connectionsOpen() {
        return open.get();
    }

    /**
     * The next {@code MAIL FROM} on any connection is not passed on: that connection is closed instead, without a
     * reply (once).
     */
    public void dropConnectionOnNextMailFrom() {
        dropOnNextMailFrom.set(true);
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket upstream = new Socket("127.0.0.1", targetPort);
                accepted.incrementAndGet();
                open.incrementAndGet();
                connections.add(client);
                connections.add(upstream);
                Object clientLock = new Object();
                threads.submit(() -> serverToClient(upstream, client, clientLock));
                threads.submit(() -> clientToServer(client, upstream, clientLock));
            } catch (IOException e) {
                // Closed by down(), or a connection that failed on its own: the client sees it.
            }
        }
    }

    private void serverToClient(Socket upstream, Socket client, Object clientLock) {
        byte[] buffer = new byte[8192];
        try (InputStream in = upstream.getInputStream()) {
            OutputStream out = client.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (clientLock) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // Connection closed.
        } finally {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    private void clientToServer(Socket client, Socket upstream, Object clientLock) {
        boolean inData = false;
        try (InputStream in = client.getInputStream()) {
            OutputStream out = upstream.getOutputStream();
            String line;
            while ((line = readLine(in)) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (!inData && command.startsWith("MAIL FROM:") && dropOnNextMailFrom.compareAndSet(true, false)) {
                    return;
                }
                if (!inData && command.startsWith("RCPT TO:")) {
                    String address = address(line);
                    if (refusedRecipients.contains(address)) {
                        synchronized (clientLock) {
                            OutputStream answer = client.getOutputStream();
                            answer.write(("550 5.1.1 <" + address + ">: Recipient address rejected: User unknown\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
                            answer.flush();
                        }
                        continue;
                    }
                }
                if (!inData && command.equals("DATA")) {
                    inData = true;
                } else if (inData && line.equals(".")) {
                    inData = false;
                }
                out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        } catch (IOException e) {
            // Connection closed.
        } finally {
            closeQuietly(client);
            closeQuietly(upstream);
            open.decrementAndGet();
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        int b;
        while ((b = in.read()) >= 0) {
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            previous = b;
        }
        return null;
    }

    private static String address(String rcpt) {
        int open = rcpt.indexOf('<');
        int close = rcpt.indexOf('>', open + 1);
        return open >= 0 && close > open ? rcpt.substring(open + 1, close).toLowerCase(Locale.ROOT) : "";
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Already closed.
        }
    }

    @Override
    public void close() {
        down();
        threads.shutdownNow();
    }
}
