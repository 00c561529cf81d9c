package de.jobcenter.postfach.eakte.http;

import de.jobcenter.postfach.kit.adapter.OversizeRequests;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** An oversized request is answered with a problem document, like every other refusal. */
@ApplicationScoped
public class HttpLimits {
    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        OversizeRequests.install(router, maxBodySize.asLongValue());
    }
}
