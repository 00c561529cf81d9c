package de.jobcenter.postfach.config.access;

import java.util.Objects;

/**
 * Who did something: the stable id from the token ({@code sub}) and a name for people to read
 * ({@code preferred_username}). Four-eyes checks compare ids, never names.
 */
public record Actor(String id, String name) {
    /** The service itself, e.g. for the weekly rollout. */
    public static final Actor SYSTEM = new Actor("system", "Konfigurationsdienst");

    public Actor {
        Objects.requireNonNull(id, "id");
        name = name == null || name.isBlank() ? id : name;
    }

    public boolean sameAs(Actor other) {
        return other != null && id.equals(other.id);
    }
}
