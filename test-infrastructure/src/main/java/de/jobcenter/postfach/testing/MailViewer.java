package de.jobcenter.postfach.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A small German page for people trying the local stack: every mail the local GreenMail server received (the
 * office mailboxes, the reply mailbox, the customers' inboxes), newest first, everything escaped.
 */
public final class MailViewer implements AutoCloseable {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss").withZone(ZoneId.of("Europe/Berlin"));

    private final GreenMail greenMail;
    private final HttpServer server;

    private MailViewer(GreenMail greenMail, int port) throws IOException {
        this.greenMail = greenMail;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::page);
    }

    public static MailViewer start(GreenMail greenMail, int port) {
        try {
            MailViewer viewer = new MailViewer(greenMail, port);
            viewer.server.start();
            return viewer;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the mail viewer on port " + port, e);
        }
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/";
    }

    private void page(HttpExchange exchange) throws IOException {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Lokale Postfächer (GreenMail)</title>")
                .append(
                        "<style>body{font-family:sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#111}")
                .append("article{border:1px solid #555;border-radius:4px;margin:1rem 0;padding:0.5rem 1rem}")
                .append("pre{white-space:pre-wrap}dt{font-weight:bold}</style></head><body><main>")
                .append(
                        "<h1>Lokale Postfächer</h1><p>Alle Mails, die der lokale Mailserver empfangen hat, die neueste zuerst.")
                .append(" IMAP: localhost:3143, Benutzer und Passwort sind jeweils die Adresse.</p>");
        MimeMessage[] messages = greenMail.getReceivedMessages();
        if (messages.length == 0) {
            html.append("<p>Noch keine Mails.</p>");
        }
        for (int i = messages.length - 1; i >= 0; i--) {
            html.append(article(messages[i]));
        }
        html.append("</main></body></html>");
        byte[] body = html.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String article(MimeMessage message) {
        try {
            return "<article><h2>" + escape(message.getSubject()) + "</h2><dl>"
                    + "<dt>An</dt><dd>" + escape(addresses(message.getAllRecipients())) + "</dd>"
                    + "<dt>Von</dt><dd>" + escape(addresses(message.getFrom())) + "</dd>"
                    + "<dt>Empfangen</dt><dd>"
                    + (message.getSentDate() == null
                            ? ""
                            : TIME.format(message.getSentDate().toInstant()))
                    + "</dd><dt>Message-ID</dt><dd>" + escape(message.getMessageID()) + "</dd></dl>"
                    + "<pre>" + escape(GreenMailUtil.getBody(message)) + "</pre></article>";
        } catch (MessagingException e) {
            return "<article><p>Diese Mail kann nicht angezeigt werden.</p></article>";
        }
    }

    private static String addresses(Address[] addresses) {
        return addresses == null
                ? ""
                : Arrays.stream(addresses).map(Address::toString).collect(Collectors.joining(", "));
    }

    private static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
