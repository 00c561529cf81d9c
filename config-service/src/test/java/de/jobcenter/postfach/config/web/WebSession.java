package de.jobcenter.postfach.config.web;

import static org.assertj.core.api.Assertions.assertThat;

import de.jobcenter.postfach.testing.OidcLoginServer;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person using the web UI without a browser: an HTTP client with a cookie jar that follows redirects, logged in
 * through the login server's real login form (authorization-code flow). Forms are sent with the CSRF token of the page
 * they were on, as a browser would.
 */
final class WebSession {
    private static final Pattern LOGIN_REQUEST = Pattern.compile("name=\"anfrage\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    /** One answer: the status, where the redirects ended, and the page. */
    record Answer(int status, URI uri, String body) {
        String path() {
            return uri.getPath();
        }

        /** The CSRF token of the page's forms. */
        String csrfToken() {
            Matcher matcher = CSRF_FIELD.matcher(body);
            assertThat(matcher.find()).as("a form with a CSRF token on " + uri).isTrue();
            return matcher.group(1);
        }
    }

    private final URI base;
    private Answer landing;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client;

    private WebSession(URI base) {
        this.base = base;
        this.client = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Opens the UI and logs in on the login server's page; {@link #landing()} is the page the login led back to. */
    static WebSession login(URI base, String username, String password) {
        WebSession session = new WebSession(base);
        Answer loginPage = session.get("/");
        assertThat(loginPage.uri().toString())
                .as("an unauthenticated visit ends on the login page")
                .startsWith(OidcLoginServer.shared().authorizationEndpoint());
        Matcher request = LOGIN_REQUEST.matcher(loginPage.body());
        assertThat(request.find()).isTrue();
        session.landing = session.send(
                "POST",
                URI.create(OidcLoginServer.shared().authorizationEndpoint()),
                form(Map.of("anfrage", request.group(1), "username", username, "password", password)));
        assertThat(session.landing.uri().getPath())
                .as("the login leads back to the page asked for")
                .isEqualTo("/");
        return session;
    }

    /** The page the login led back to. */
    Answer landing() {
        return landing;
    }

    Answer get(String path) {
        return send("GET", base.resolve(path), null);
    }

    /** Sends a form with the CSRF token of {@code page}. */
    Answer post(String path, Answer page, Map<String, String> fields) {
        Map<String, String> withToken = new LinkedHashMap<>();
        withToken.put("csrf-token", page.csrfToken());
        withToken.putAll(fields);
        return postRaw(path, form(withToken));
    }

    /**
     * Sends a form with the session's CSRF token, as a form of any page of this session would carry it (for pages that
     * show the person no form, e.g. a change they may not approve).
     */
    Answer postInSession(String path, Map<String, String> fields) {
        Map<String, String> withToken = new LinkedHashMap<>();
        withToken.put("csrf-token", cookie("csrf-token"));
        withToken.putAll(fields);
        return postRaw(path, form(withToken));
    }

    /** Sends a form as given (for the CSRF refusals). */
    Answer postRaw(String path, String formBody) {
        return send("POST", base.resolve(path), formBody);
    }

    /** Sends a body of another media type (a cross-site request that is not a form). */
    Answer postAs(String path, String contentType, String body) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return exchange(request);
    }

    /** The value of a cookie of the application, or null. */
    String cookie(String name) {
        return cookies.getCookieStore().get(base).stream()
                .filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElse(null);
    }

    List<String> cookieNames() {
        return cookies.getCookieStore().get(base).stream()
                .map(HttpCookie::getName)
                .toList();
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private Answer send(String method, URI uri, String formBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/html");
        if (formBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(formBody));
        }
        return exchange(request.build());
    }

    private Answer exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.uri(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
