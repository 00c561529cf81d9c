package de.jobcenter.postfach.notification.preference;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class PreferenceRepository implements PanacheRepositoryBase<NotificationPreference, String> {}
