package de.jobcenter.postfach.notification.preference;

import de.jobcenter.postfach.contracts.NotificationPreferenceChanged;
import de.jobcenter.postfach.notification.infomail.InfoMailRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Keeps the preference replica: the newest change wins; a tombstone forgets the customer, their preference and the
 * log of their info e-mails.
 */
@ApplicationScoped
public class PreferenceService {
    @Inject
    PreferenceRepository preferences;

    @Inject
    InfoMailRepository infoMails;

    @Transactional
    public void apply(NotificationPreferenceChanged change) {
        NotificationPreference held = preferences.findById(change.customerId());
        if (held == null) {
            held = new NotificationPreference();
            held.customerId = change.customerId();
            applyTo(held, change);
            preferences.persist(held);
        } else if (!change.changedAt().isBefore(held.changedAt)) {
            applyTo(held, change);
        }
    }

    @Transactional
    public void forget(String customerId) {
        preferences.deleteById(customerId);
        infoMails.forgetCustomer(customerId);
    }

    private static void applyTo(NotificationPreference held, NotificationPreferenceChanged change) {
        held.enabled = change.enabled();
        held.email = change.email();
        held.changedAt = change.changedAt();
    }
}
