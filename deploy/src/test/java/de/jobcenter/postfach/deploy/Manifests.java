package de.jobcenter.postfach.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The overlays under deploy/k8s/overlays, each rendered once per test run. */
final class Manifests {

    private static final Map<Path, Manifest> RENDERED = new ConcurrentHashMap<>();

    private Manifests() {}

    /** The repository's root (the build passes it; from an IDE the module directory's parent). */
    static Path root() {
        return Path.of(System.getProperty("postfach.root", ".."))
                .toAbsolutePath()
                .normalize();
    }

    static Path k8s() {
        return root().resolve("deploy/k8s");
    }

    /** Every overlay directory: dev, prod and any variant beside them. */
    static List<String> overlays() {
        try (Stream<Path> entries = Files.list(k8s().resolve("overlays"))) {
            return entries.filter(dir -> Files.exists(dir.resolve("kustomization.yaml")))
                    .map(dir -> dir.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Manifest overlay(String name) {
        return render(name, k8s().resolve("overlays").resolve(name));
    }

    static Manifest render(String name, Path kustomization) {
        return RENDERED.computeIfAbsent(
                kustomization.toAbsolutePath().normalize(), dir -> Manifest.parse(name, Kustomize.build(dir)));
    }
}
