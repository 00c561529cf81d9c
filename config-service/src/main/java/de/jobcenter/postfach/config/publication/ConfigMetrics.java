package de.jobcenter.postfach.config.publication;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's meters (Prometheus at {@code /q/metrics}): rollouts and their outcomes per office, publications,
 * failures, alerts, and the published version of every office. Office ids are a bounded set, so they are tags.
 */
@ApplicationScoped
public class ConfigMetrics {
    @Inject
    MeterRegistry registry;

    private final Map<String, AtomicLong> publishedVersions = new ConcurrentHashMap<>();
    private final AtomicLong unpublishedOffices = new AtomicLong();
    private volatile boolean unpublishedRegistered;

    public void rolloutRun(String trigger) {
        registry.counter("postfach.config.rollouts", "trigger", trigger).increment();
    }

    public void activated(String officeId) {
        registry.counter("postfach.config.rollout.activations", "office", officeId)
                .increment();
    }

    public void held(String officeId) {
        registry.counter("postfach.config.rollout.held", "office", officeId).increment();
    }

    public void rolloutFailed(String officeId) {
        registry.counter("postfach.config.rollout.failures", "office", officeId).increment();
    }

    public void published(String officeId, long version) {
        registry.counter("postfach.config.publications", "outcome", "published").increment();
        publishedVersion(officeId).set(version);
    }

    public void publicationFailed(String officeId) {
        registry.counter("postfach.config.publications", "outcome", "failed").increment();
        registry.counter("postfach.config.publication.failures", "office", officeId)
                .increment();
    }

    /** An office failed as often as the alert threshold (or more): for alerting rules. */
    public void alert(String what, String officeId) {
        registry.counter("postfach.config.alerts", Tags.of("kind", what, "office", officeId))
                .increment();
    }

    public void unpublishedOffices(long count) {
        if (!unpublishedRegistered) {
            registry.gauge("postfach.config.offices.unpublished", unpublishedOffices);
            unpublishedRegistered = true;
        }
        unpublishedOffices.set(count);
    }

    public AtomicLong publishedVersion(String officeId) {
        return publishedVersions.computeIfAbsent(
                officeId,
                id -> registry.gauge("postfach.config.published.version", Tags.of("office", id), new AtomicLong()));
    }
}
