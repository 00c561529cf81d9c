package de.jobcenter.postfach.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unpacking the distribution: once, without its top directory, start scripts executable, nothing outside. */
class KeycloakServerInstallTest {

    @TempDir
    Path dir;

    @Test
    void unpacksOnceWithoutTheTopDirectoryAndASecondStartReusesIt() throws IOException {
        Path zip = zip("keycloak-9.9.9/bin/kc.sh", "#!/bin/sh\necho kc\n", "keycloak-9.9.9/lib/quarkus-run.jar", "jar");
        Path home = dir.resolve("keycloak-9.9.9");

        assertThat(KeycloakServer.install(zip, home)).isEqualTo(home);

        assertThat(home.resolve("bin/kc.sh")).hasContent("#!/bin/sh\necho kc");
        assertThat(Files.isExecutable(home.resolve("bin/kc.sh"))).isTrue();
        assertThat(home.resolve("lib/quarkus-run.jar")).hasContent("jar");
        assertThat(dir.resolve("keycloak-9.9.9.partial")).doesNotExist();

        Files.writeString(home.resolve("lib/kept-by-the-second-start"), "x");
        Files.delete(zip);
        KeycloakServer.install(zip, home);
        assertThat(home.resolve("lib/kept-by-the-second-start")).exists();
    }

    @Test
    void anInterruptedUnpackIsDoneAgain() throws IOException {
        Path zip = zip("keycloak-9.9.9/bin/kc.sh", "#!/bin/sh\n");
        Path home = dir.resolve("keycloak-9.9.9");
        Files.createDirectories(home.resolve("lib"));
        Files.writeString(home.resolve("lib/half-written.jar"), "?");

        KeycloakServer.install(zip, home);

        assertThat(home.resolve("bin/kc.sh")).exists();
        assertThat(home.resolve("lib/half-written.jar")).doesNotExist();
    }

    @Test
    void refusesAZipThatIsNoKeycloakOrWritesOutsideItsDirectory() throws IOException {
        Path home = dir.resolve("keycloak");

        assertThatThrownBy(() -> KeycloakServer.install(zip("other-1/README", "hello"), home))
                .hasMessageContaining("no bin/kc.sh");
        assertThatThrownBy(() -> KeycloakServer.install(zip("keycloak/../../evil.sh", "x"), dir.resolve("k2")))
                .hasMessageContaining("outside");
        assertThat(dir.getParent().resolve("evil.sh")).doesNotExist();
        assertThatThrownBy(() -> KeycloakServer.install(dir.resolve("missing.zip"), dir.resolve("k3")))
                .hasMessageContaining("No Keycloak distribution");
    }

    private Path zip(String... namesAndContents) throws IOException {
        Path zip = Files.createTempFile(dir, "dist", ".zip");
        try (OutputStream file = Files.newOutputStream(zip);
                ZipOutputStream out = new ZipOutputStream(file)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                out.putNextEntry(new ZipEntry(namesAndContents[i]));
                out.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }
}
