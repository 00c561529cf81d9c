package de.jobcenter.postfach.quality.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.jobcenter.postfach.testing.Ports;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The forwarder the fault runs put in front of SMTP, against a real server socket that answers every line. */
class TcpProxyTest {
    private ServerSocket server;
    private TcpProxy proxy;

    @BeforeEach
    void startServer() throws IOException {
        server = new ServerSocket(0);
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread handler = new Thread(() -> answerEachLine(socket));
                    handler.setDaemon(true);
                    handler.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        proxy = TcpProxy.start(Ports.free(), "127.0.0.1", server.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        server.close();
    }

    @Test
    void forwardsAndRefusesConnectionsWhileDown() throws IOException {
        assertThat(exchange("HELO x\r\n")).isEqualTo("250 HELO x");

        proxy.setAvailable(false);
        assertThatThrownBy(() -> exchange("HELO y\r\n")).isInstanceOf(ConnectException.class);

        proxy.setAvailable(true);
        assertThat(exchange("HELO z\r\n")).isEqualTo("250 HELO z");
    }

    @Test
    void holdsTheAnswerToTheEndOfTheDataUntilReleased() throws Exception {
        proxy.holdAfterEndOfData(true);
        try (Socket socket = new Socket("localhost", proxy.port())) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("DATA\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readLine(in)).isEqualTo("250 DATA");
            out.write("Subject: x\r\n\r\ntext\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThatThrownBy(() -> readLine(in)).isInstanceOf(SocketTimeoutException.class);
            assertThat(proxy.heldConnections()).isEqualTo(1);

            proxy.releaseHeld();
            assertThat(readLine(in)).isEqualTo("250 Subject: x");
            assertThat(proxy.heldConnections()).isZero();
        }
    }

    private String exchange(String line) throws IOException {
        try (Socket socket = new Socket("localhost", proxy.port())) {
            socket.setSoTimeout(2000);
            socket.getOutputStream().write(line.getBytes(StandardCharsets.US_ASCII));
            return readLine(socket.getInputStream());
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                return line.isEmpty() ? null : line.toString();
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static void answerEachLine(Socket socket) {
        try (socket;
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream()) {
            String line;
            while ((line = readLine(in)) != null) {
                out.write(("250 " + line + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException e) {
            // client gone
        }
    }
}
