package de.jobcenter.postfach.mailbox.security;

import de.jobcenter.postfach.mailbox.config.MailboxConfig;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The signed-in customer of the current request: the token's {@code sub} and optional claims. */
@RequestScoped
public class CurrentCustomer {
    @Inject
    JsonWebToken token;

    @Inject
    SecurityIdentity identity;

    @Inject
    MailboxConfig config;

    public String id() {
        return token.getSubject();
    }

    public Optional<String> customerNumber() {
        return Optional.ofNullable(token.<Object>getClaim(config.security().customerNumberClaim()))
                .map(Object::toString);
    }

    public Optional<String> acr() {
        return Optional.ofNullable(token.<Object>getClaim(config.security().acrClaim()))
                .map(Object::toString);
    }
}
