package de.jobcenter.postfach.config.access;

import de.jobcenter.postfach.config.config.ConfigServiceConfig;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The signed-in member of staff of the current request, from the bearer token: {@code sub} and
 * {@code preferred_username}, the configured role names (Quarkus reads {@code groups} and Keycloak's
 * {@code realm_access.roles}) and the office claim. Who may act on an office comes from the token alone.
 */
@RequestScoped
public class CurrentStaff {
    @Inject
    JsonWebToken token;

    @Inject
    SecurityIdentity identity;

    @Inject
    ConfigServiceConfig config;

    private StaffMember member;

    public StaffMember member() {
        if (member == null) {
            member = new StaffMember(actor(), roles(), offices());
        }
        return member;
    }

    public Actor actor() {
        String subject = token.getSubject() != null
                ? token.getSubject()
                : identity.getPrincipal().getName();
        Object username = token.getClaim("preferred_username");
        Object name = token.getClaim("name");
        return new Actor(subject, username != null ? text(username) : name != null ? text(name) : subject);
    }

    /** Whether the caller holds any of the tool's staff roles (a customer token of the same issuer holds none). */
    public boolean isStaff() {
        return !roles().isEmpty();
    }

    private Set<StaffMember.Role> roles() {
        Set<StaffMember.Role> roles = EnumSet.noneOf(StaffMember.Role.class);
        if (identity.hasRole(config.roles().editor())) {
            roles.add(StaffMember.Role.EDITOR);
        }
        if (identity.hasRole(config.roles().reviewer())) {
            roles.add(StaffMember.Role.REVIEWER);
        }
        if (identity.hasRole(config.roles().centralAdmin())) {
            roles.add(StaffMember.Role.CENTRAL_ADMIN);
        }
        return roles;
    }

    private Set<String> offices() {
        Object claim = token.getClaim(config.security().officesClaim());
        Set<String> offices = new LinkedHashSet<>();
        if (claim instanceof JsonArray array) {
            array.forEach(v -> offices.add(text(v)));
        } else if (claim instanceof Collection<?> values) {
            values.forEach(v -> offices.add(text(v)));
        } else if (claim != null) {
            Arrays.stream(text(claim).split("[,\\s]+")).forEach(offices::add);
        }
        offices.removeIf(String::isBlank);
        return offices;
    }

    private static String text(Object value) {
        if (value instanceof JsonString s) {
            return s.getString().strip();
        }
        if (value instanceof JsonValue v && v.getValueType() == JsonValue.ValueType.STRING) {
            return ((JsonString) v).getString().strip();
        }
        return value.toString().strip();
    }
}
