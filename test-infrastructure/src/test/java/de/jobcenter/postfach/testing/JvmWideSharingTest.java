package de.jobcenter.postfach.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

/** Quarkus loads each test profile in its own class loader; the shared servers must still be one per JVM. */
class JvmWideSharingTest {

    /**
     * Never closed: whatever it starts first (the broker, when this class runs first) serves the whole
     * JVM until it exits, as with Quarkus' class loaders, which stay usable after their soft close.
     */
    private static final URLClassLoader otherLoader = new URLClassLoader(
            "other-profile",
            Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                    .map(JvmWideSharingTest::url)
                    .toArray(URL[]::new),
            ClassLoader.getPlatformClassLoader());

    @Test
    void anotherClassLoaderGetsTheSameKafkaBroker() throws Exception {
        Class<?> otherKafkaBroker = otherLoader.loadClass(KafkaBroker.class.getName());
        assertThat(otherKafkaBroker).isNotSameAs(KafkaBroker.class);

        Object otherShared = otherKafkaBroker.getMethod("shared").invoke(null);

        assertThat(otherKafkaBroker.getMethod("bootstrapServers").invoke(otherShared))
                .isEqualTo(KafkaBroker.shared().bootstrapServers());
    }

    @Test
    void anotherClassLoaderSignsWithTheSameOidcServersKey() throws Exception {
        Class<?> otherTokens = otherLoader.loadClass(Tokens.class.getName());
        Object builder = otherTokens.getMethod("customer", String.class).invoke(null, "sub-other");

        String token = (String) builder.getClass().getMethod("sign").invoke(builder);

        OidcTestServer server = OidcTestServer.shared();
        var claims = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(new HttpsJwks(server.jwksUrl())))
                .setExpectedIssuer(server.issuer())
                .setExpectedAudience(Tokens.CUSTOMER_AUDIENCE)
                .build()
                .processToClaims(token);
        assertThat(claims.getSubject()).isEqualTo("sub-other");
    }

    @Test
    void anotherClassLoaderUsesTheSamePostgresServer() throws Exception {
        Class<?> otherPostgres = otherLoader.loadClass(PostgresServer.class.getName());

        Object otherShared = otherPostgres.getMethod("shared").invoke(null);

        assertThat(otherPostgres.getMethod("adminJdbcUrl").invoke(otherShared))
                .isEqualTo(PostgresServer.shared().adminJdbcUrl());
    }

    private static URL url(String entry) {
        try {
            return Path.of(entry).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(entry, e);
        }
    }
}
